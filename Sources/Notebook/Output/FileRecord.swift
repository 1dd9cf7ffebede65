import Foundation
import SourceDigest

/// A file as `lstat` describes it: what any write to it or replacement of it changes.
struct FileState: Codable, Sendable, Equatable {
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
struct FileRecord<Value: Codable & Sendable & Equatable>: Codable, Sendable {
    struct Entry: Codable, Sendable {
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

    static func load(_ path: String) -> FileRecord? {
        Memo.load(path).flatMap { try? BinaryDecoder().decode(FileRecord.self, from: $0) }
    }

    func store(at path: String) {
        guard let bytes = try? BinaryEncoder().encode(self) else { return }
        Memo.store(bytes, at: path, directory: (path as NSString).deletingLastPathComponent)
    }
}

/// What docgen last wrote into an output directory: each file's content piece by piece, so
/// that a rebuild neither reads the unchanged pages from the memo nor compares them with the
/// output, and copies print.html's unchanged sections from the current print.html.
typealias OutputRecord = FileRecord<[ContentId]>
