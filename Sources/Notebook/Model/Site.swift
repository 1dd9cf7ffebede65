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
/// copied into one (at 161 pages it is 19 MB). A piece may be `StoredBytes`: bytes the page
/// memo holds and the current output already has, read only if the file must be written
/// and the output's copy cannot be used.
public struct SiteFile: Sendable, Equatable {
    public enum Piece: Sendable {
        case bytes([UInt8])
        case stored(StoredBytes)

        public var count: Int {
            switch self {
            case .bytes(let bytes): bytes.count
            case .stored(let stored): stored.count
            }
        }

        /// The bytes, read if they are stored (nil if they cannot be).
        func load() -> [UInt8]? {
            switch self {
            case .bytes(let bytes): bytes
            case .stored(let stored): stored.load()
            }
        }

        /// What the piece holds, as `ContentId` names it.
        var id: ContentId {
            switch self {
            case .bytes(let bytes): ContentId(bytes)
            case .stored(let stored): stored.id
            }
        }
    }

    public private(set) var pieces: [Piece]
    /// The file's length in bytes.
    public let count: Int

    public init(_ bytes: [UInt8]) {
        self.init(pieces: [bytes])
    }

    public init(pieces: [[UInt8]]) {
        self.init(parts: pieces.map(Piece.bytes))
    }

    public init(parts: [Piece]) {
        pieces = parts
        count = parts.reduce(0) { $0 + $1.count }
    }

    /// The bytes in one buffer (stored pieces read; nil if one cannot be).
    public var bytes: [UInt8]? {
        var all: [UInt8] = []
        all.reserveCapacity(count)
        for piece in pieces {
            guard let bytes = piece.load() else { return nil }
            all += bytes
        }
        return all
    }

    /// Equal when the bytes are, however they are split or kept (a file that cannot be read equals none).
    public static func == (a: SiteFile, b: SiteFile) -> Bool {
        guard a.count == b.count, let bytes = a.bytes else { return false }
        return bytes == b.bytes
    }
}

/// Bytes kept outside the process (a page memo entry), known by their `ContentId`.
public struct StoredBytes: Sendable {
    let id: ContentId
    /// Reads the bytes; nil if they are gone, damaged, or not the bytes `id` names.
    let load: @Sendable () -> [UInt8]?

    /// `read` gives the bytes, which `load` checks against `id`.
    init(id: ContentId, read: @escaping @Sendable () -> [UInt8]?) {
        self.id = id
        load = { read().flatMap { ContentId($0) == id ? $0 : nil } }
    }

    public var count: Int { id.count }
}

/// A file's or a piece's content as its length and a 64-bit checksum (`Memo.checksum`): what
/// the output record (`OutputRecord`) remembers of each file it wrote, so that a rebuild
/// knows an unchanged file without reading it. The checksum only tells accidental
/// differences apart, as in a memo entry's header.
struct ContentId: Sendable, Hashable {
    var count: Int
    var checksum: UInt64

    init(count: Int, checksum: UInt64) {
        (self.count, self.checksum) = (count, checksum)
    }

    init(_ bytes: [UInt8]) {
        self.init(count: bytes.count, checksum: Memo.checksum(bytes))
    }
}
