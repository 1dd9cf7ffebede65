/// Every file of the generated site, by path relative to the output directory.
public struct Site: Sendable, Equatable {
    public var files: [String: SiteFile]

    public init(files: [String: SiteFile] = [:]) {
        self.files = files
    }

    public mutating func add(_ path: String, _ text: String) {
        files[path] = SiteFile(Array(text.utf8))
    }
}

/// A file's bytes as pieces written one after another. print.html is one piece per chapter
/// section, the same buffers the pages' sections are kept in, so the whole book is never
/// copied into one (at 161 pages it is 19 MB).
public struct SiteFile: Sendable, Equatable {
    public private(set) var pieces: [[UInt8]]
    /// The file's length in bytes.
    public let count: Int

    public init(_ bytes: [UInt8]) {
        self.init(pieces: [bytes])
    }

    public init(pieces: [[UInt8]]) {
        self.pieces = pieces
        count = pieces.reduce(0) { $0 + $1.count }
    }

    /// The bytes in one buffer.
    public var bytes: [UInt8] { pieces.count == 1 ? pieces[0] : Array(pieces.joined()) }

    /// Equal when the bytes are, however they are split.
    public static func == (a: SiteFile, b: SiteFile) -> Bool {
        a.count == b.count && a.bytes == b.bytes
    }
}
