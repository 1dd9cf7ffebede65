/// Every file of the generated site, by path relative to the output directory.
public struct Site: Sendable, Equatable {
    public var files: [String: [UInt8]]

    public init(files: [String: [UInt8]] = [:]) {
        self.files = files
    }

    public mutating func add(_ path: String, _ text: String) {
        files[path] = Array(text.utf8)
    }
}
