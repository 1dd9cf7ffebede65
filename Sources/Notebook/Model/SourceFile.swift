/// A chapter file as read from disk, before parsing.
public struct SourceFile: Sendable, Equatable {
    public var path: String
    public var number: Int?
    public var slug: String
    public var text: String

    public init(path: String, number: Int?, slug: String, text: String) {
        self.path = path
        self.number = number
        self.slug = slug
        self.text = text
    }
}
