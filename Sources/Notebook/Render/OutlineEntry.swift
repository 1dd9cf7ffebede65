/// A section heading listed in a page's outline.
struct OutlineEntry: Sendable, Equatable {
    var level: Int
    var id: String
    var title: String
}
