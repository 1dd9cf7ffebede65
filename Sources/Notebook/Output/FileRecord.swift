import Foundation
import SourceDigest

/// A file as `lstat` describes it: what any write to it or replacement of it changes.
struct FileState: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int
    var modified: Int64
    var changed: Int64

    init(_ info: stat) {
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int(info.st_size)
        #if canImport(Darwin)
        modified = Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        changed = Int64(info.st_ctimespec.tv_sec) * 1_000_000_000 + Int64(info.st_ctimespec.tv_nsec)
        #else
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        #endif
    }

    func write(to writer: inout MemoBytesWriter) {
        writer.uint64(device)
        writer.uint64(inode)
        writer.int(size)
        writer.int(Int(modified))
        writer.int(Int(changed))
    }

    init?(reading reader: inout MemoBytesReader) {
        guard let device = reader.uint64(), let inode = reader.uint64(), let size = reader.int(), let modified = reader.int(),
              let changed = reader.int() else { return nil }
        (self.device, self.inode, self.size, self.modified, self.changed) = (device, inode, size, Int64(modified), Int64(changed))
    }

    /// The clock file times come from (the coarse one), in nanoseconds. A record's states must be
    /// read just before it: a file modified later within the same tick looks unmodified.
    static func clock() -> Int64 {
        var now = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_REALTIME_COARSE, &now)
        #else
        clock_gettime(CLOCK_REALTIME, &now)
        #endif
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    /// The states of the regular files among `paths` (each under `directory`, if given).
    static func of(_ paths: some Sequence<String>, in directory: String? = nil) -> [String: FileState] {
        var states: [String: FileState] = [:]
        var info = stat()
        for path in paths where lstat(directory.map { $0 + "/" + path } ?? path, &info) == 0 && info.st_mode & S_IFMT == S_IFREG {
            states[path] = FileState(info)
        }
        return states
    }
}

/// What docgen knew of some files when it last looked (issue 24): a value for each (the
/// content of an output file, the digest of a chapter) with the file's state then.
///
/// A later build trusts a file whose state is still the recorded one to still have the
/// recorded value, as git trusts its index, and so need not read it. A file modified in the
/// clock tick the record was made in is not trusted: it could have changed again within the
/// tick, after it was looked at, and its state would not show it.
///
/// Kept in `.docgen-cache/<kind>/`, one file per directory recorded, with the memo's checksum
/// header; a damaged or missing record only means every file is read.
struct FileRecord<Value: FileRecordValue>: Sendable {
    struct Entry: Sendable {
        var state: FileState
        var value: Value
    }

    /// `FileState.clock()` just after the states were read.
    var recordedAt: Int64
    var files: [String: Entry]

    /// The recorded value of each file `states` (read now) shows unchanged and not modified in
    /// the tick the record was made in. A modification time of a whole second may come from a file
    /// system that keeps only seconds: such a file must be older than the record's second.
    func trusted(_ states: [String: FileState]) -> [String: Value] {
        var trusted: [String: Value] = [:]
        for (path, entry) in files where states[path] == entry.state {
            let modified = entry.state.modified, second: Int64 = 1_000_000_000
            let isOlder = modified % second == 0 ? modified / second < recordedAt / second : modified < recordedAt
            if isOlder { trusted[path] = entry.value }
        }
        return trusted
    }

    /// `trusted(_:)` with the states of the recorded files (under `directory`) as they are now.
    func trustedNow(in directory: String? = nil) -> [String: Value] {
        trusted(FileState.of(files.keys, in: directory))
    }

    /// A record of `values` for the files `states` describes. The states are read, then the
    /// clock (`recordedAt`), then what the values come from.
    init(states: [String: FileState], recordedAt: Int64, values: [String: Value]) {
        var files: [String: Entry] = [:]
        for (path, value) in values { if let state = states[path] { files[path] = Entry(state: state, value: value) } }
        self.files = files
        self.recordedAt = recordedAt
    }

    /// `.docgen-cache/<kind>/<16 hex digits of the SHA-256 of the directory's path>.bin`.
    static func path(packageRoot: String, kind: String, of directory: String) -> String {
        var hasher = SHA256()
        hasher.update(directory)
        return joinPath(joinPath(joinPath(packageRoot, ResultCache.folderName), kind), String(hasher.hexDigest().prefix(16)) + ".bin")
    }

    private static var kind: String { "file record 2 " + Value.kind }

    static func load(_ path: String) -> FileRecord? {
        guard let bytes = Memo.load(path), var reader = MemoBytesReader(bytes, kind: kind), let recordedAt = reader.int(),
              let entries = reader.array({ reader -> (String, Entry)? in
                  guard let path = reader.string(), let state = FileState(reading: &reader), let value = Value(reading: &reader) else { return nil }
                  return (path, Entry(state: state, value: value))
              }), reader.atEnd
        else { return nil }
        return FileRecord(recordedAt: Int64(recordedAt), files: Dictionary(entries, uniquingKeysWith: { first, _ in first }))
    }

    private init(recordedAt: Int64, files: [String: Entry]) {
        (self.recordedAt, self.files) = (recordedAt, files)
    }

    func store(at path: String) {
        var writer = MemoBytesWriter(kind: Self.kind)
        writer.int(Int(recordedAt))
        writer.array(files.sorted { $0.key < $1.key }) { writer, file in
            writer.string(file.key)
            file.value.state.write(to: &writer)
            file.value.value.write(to: &writer)
        }
        Memo.store(writer.bytes, at: path, directory: (path as NSString).deletingLastPathComponent)
    }
}

/// What a `FileRecord` keeps of a file, in the memo's byte form.
protocol FileRecordValue: Sendable, Equatable {
    /// Names the type in the record, so a record of one kind of value is never read as another.
    static var kind: String { get }
    func write(to writer: inout MemoBytesWriter)
    init?(reading reader: inout MemoBytesReader)
}

extension String: FileRecordValue {
    static var kind: String { "string" }
    func write(to writer: inout MemoBytesWriter) { writer.string(self) }
    init?(reading reader: inout MemoBytesReader) {
        guard let string = reader.string() else { return nil }
        self = string
    }
}

extension ContentId: FileRecordValue {
    static var kind: String { "content id" }
    func write(to writer: inout MemoBytesWriter) {
        writer.int(count)
        writer.uint64(checksum)
    }

    init?(reading reader: inout MemoBytesReader) {
        guard let count = reader.int(), let checksum = reader.uint64() else { return nil }
        self.init(count: count, checksum: checksum)
    }
}

extension Array: FileRecordValue where Element: FileRecordValue {
    static var kind: String { "[" + Element.kind + "]" }
    func write(to writer: inout MemoBytesWriter) { writer.array(self) { $1.write(to: &$0) } }
    init?(reading reader: inout MemoBytesReader) {
        guard let elements = reader.array({ Element(reading: &$0) }) else { return nil }
        self = elements
    }
}

/// What docgen last wrote into an output directory: each file's content piece by piece, so
/// that a rebuild neither reads the unchanged pages from the memo nor compares them with the
/// output, and copies print.html's unchanged sections from the current print.html.
typealias OutputRecord = FileRecord<[ContentId]>
