import Foundation
import SourceDigest

/// Work a build can reuse from an earlier one (issue 24): bytes computed from
/// input bytes, stored under the SHA-256 of that input, of its kind and of
/// the `docgen` binary that computed it, so a rebuilt docgen never reuses what
/// an older one made. A derivation check is keyed by the derivation's own text,
/// a figure's drawing by the figure's data (the experiment's numbers, its title).
///
/// Entries live in `.docgen-cache/memo/<generation>/` (one folder per docgen
/// binary, the latest only), one file each, for every build that
/// uses the cache (`serve`'s rebuilds included), with the same truth rules as
/// experiment results: an entry whose checksum does not match its payload is
/// recomputed and overwritten; a stale docgen (`SourceState`) reads but never
/// writes. Only successes are kept: a failure is computed again, so its message
/// always names the place it comes from.
struct Memo: Sendable {
    /// `.docgen-cache/memo/<generation>/`, the folder of this docgen binary; nil when the
    /// build uses no cache (then nothing is kept at all).
    let directory: String?
    let writable: Bool
    /// `serve`'s entries in memory as well, for this build (`MemoMemory.build`).
    private var memory: (store: MemoMemory, build: Int)?

    /// A docgen that may write removes the folders of other binaries first: what they
    /// computed is never read again, and the memo keeps one generation instead of growing
    /// with every rebuild of docgen.
    init(packageRoot: String, useCache: Bool, writable: Bool, memory: MemoMemory? = nil) {
        self.writable = writable
        guard useCache, let generation = Self.generation else {
            directory = nil
            return
        }
        self.memory = memory.map { ($0, $0.beginBuild()) }
        let memo = joinPath(joinPath(packageRoot, ResultCache.folderName), "memo")
        directory = joinPath(memo, generation)
        guard writable else { return }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: memo)) ?? [] where name != generation && Self.isGeneration(name) {
            try? FileManager.default.removeItem(atPath: joinPath(memo, name))
        }
    }

    /// The folder name of this binary's entries: 16 hex digits of the SHA-256 of its identity.
    static let generation: String? = docgenIdentity.map { identity in
        var hasher = SHA256()
        hasher.update(identity)
        return String(hasher.hexDigest().prefix(16))
    }

    /// Whether `name` is a generation's folder (anything else in `memo/` is left alone).
    static func isGeneration(_ name: String) -> Bool {
        name.utf8.count == 16 && name.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// The stored text for `input` of `kind`, else `compute()`'s, stored.
    func text<Failure: Error>(_ kind: String, for input: String, compute: () throws(Failure) -> String) throws(Failure) -> String {
        String(decoding: try bytes(kind, for: Array(input.utf8)) { () throws(Failure) in Array(try compute().utf8) }, as: UTF8.self)
    }

    /// The stored bytes for `input` of `kind`, else `compute()`'s, stored.
    func bytes<Failure: Error>(_ kind: String, for input: [UInt8], compute: () throws(Failure) -> [UInt8]) throws(Failure) -> [UInt8] {
        guard let path = path(kind, for: input) else { return try compute() }
        if let stored = load(path) { return stored }
        let computed = try compute()
        store(computed, at: path)
        return computed
    }

    /// The stored bytes for `input` of `kind`; nil when there are none (or they are damaged, or no memo is used).
    func load(_ kind: String, for input: [UInt8]) -> [UInt8]? {
        path(kind, for: input).flatMap(load)
    }

    /// From memory if `serve` has the entry there, else from disk (and then into memory).
    private func load(_ path: String) -> [UInt8]? {
        guard let memory else { return Self.load(path) }
        if let kept = memory.store.load(path, build: memory.build) { return kept }
        let loaded = Self.load(path)
        if let loaded { memory.store.store(path, loaded, build: memory.build) }
        return loaded
    }

    /// The entry for `input` of `kind` as `StoredBytes`, its header read but not its payload
    /// (the payload is checked when loaded); nil when there is none. In `serve`'s memory the
    /// bytes are at hand, so they come as they are.
    func stored(_ kind: String, for input: [UInt8]) -> SiteFile.Piece? {
        guard let path = path(kind, for: input) else { return nil }
        if let memory, let kept = memory.store.load(path, build: memory.build) { return .bytes(kept) }
        guard let id = Self.contentId(path) else { return nil }
        let memo = self
        return .stored(StoredBytes(id: id) { memo.load(path) })
    }

    /// Whether `serve` keeps the entries in memory: reading one there costs nothing, and marks it used.
    var inMemory: Bool { memory != nil }

    /// After a build that succeeded: `serve`'s memory keeps only what that build used.
    func finishBuild() {
        if let memory { memory.store.forget(before: memory.build) }
    }

    /// Whether an entry for `input` of `kind` is there (damaged or not).
    func has(_ kind: String, for input: [UInt8]) -> Bool {
        path(kind, for: input).map { FileManager.default.fileExists(atPath: $0) } ?? false
    }

    /// Keeps `payload` as what `input` of `kind` gives (when this docgen may write).
    func store(_ kind: String, for input: [UInt8], _ payload: [UInt8]) {
        if let path = path(kind, for: input) { store(payload, at: path) }
    }

    /// The entry's file: the kind, then 32 hex digits of the SHA-256 of the kind, this docgen and the input.
    private func path(_ kind: String, for input: [UInt8]) -> String? {
        guard let directory, let identity = Self.docgenIdentity else { return nil }
        var hasher = SHA256()
        hasher.update("docgen-memo 1\nkind \(kind)\ndocgen \(identity)\n\(input.count)\n")
        hasher.update(input)
        return joinPath(directory, "\(kind)-\(hasher.hexDigest().prefix(32)).bin")
    }

    private func store(_ payload: [UInt8], at path: String) {
        if let memory { memory.store.store(path, payload, build: memory.build) }
        if writable, let directory { Self.store(payload, at: path, directory: directory) }
    }

    /// Line 1: "check <16 hex digits of `checksum(payload)`>"; then the payload. A fast
    /// checksum, not SHA-256: an edit rebuild of a textbook reads tens of megabytes of
    /// pages here, and the checksum only has to catch a damaged file, not an adversary.
    /// Read with `read(2)` straight into the payload's array: the file is read once and not copied.
    static func load(_ path: String) -> [UInt8]? {
        withEntry(path) { file, id in
            let payload = [UInt8](unsafeUninitializedCapacity: id.count) { buffer, count in
                count = id.count == 0 ? 0 : max(0, FileOperations.readFully(file, into: UnsafeMutableRawBufferPointer(buffer)))
            }
            return payload.count == id.count && ContentId(payload) == id ? payload : nil
        }
    }

    /// The payload's length and checksum as the entry's header gives them (the payload unread).
    static func contentId(_ path: String) -> ContentId? {
        withEntry(path) { _, id in id }
    }

    /// Opens the entry at `path` and reads its header: `body` gets the file, positioned at the
    /// payload, and the payload's id as the header and the file's size give it.
    private static func withEntry<Result>(_ path: String, _ body: (Int32, ContentId) -> Result?) -> Result? {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return nil }
        defer { close(file) }
        var info = stat()
        let headerLength = header([]).utf8.count + 1
        var header = [UInt8](repeating: 0, count: headerLength)
        guard fstat(file, &info) == 0, Int(info.st_size) >= headerLength,
              header.withUnsafeMutableBytes({ FileOperations.readFully(file, into: $0) }) == headerLength,
              header.starts(with: Array("check ".utf8)), header.last == UInt8(ascii: "\n"),
              let checksum = UInt64(String(decoding: header.dropFirst(6).dropLast(), as: UTF8.self), radix: 16)
        else { return nil }
        return body(file, ContentId(count: Int(info.st_size) - headerLength, checksum: checksum))
    }

    static func header(_ payload: [UInt8]) -> String {
        let sum = String(checksum(payload), radix: 16)
        return "check " + String(repeating: "0", count: 16 - sum.count) + sum
    }

    /// A 64-bit checksum of `bytes`, eight bytes a step (a multiply-rotate mix per word).
    static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { raw in
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
            var offset = 0
            func mix(_ word: UInt64) {
                hash ^= word &* 0x87C3_7B91_1142_53D5
                hash = ((hash << 31) | (hash >> 33)) &* 0x4CF5_AD43_2745_937F
            }
            while offset + 8 <= raw.count {
                mix(raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
                offset += 8
            }
            var tail: UInt64 = 0
            for index in offset..<raw.count { tail |= UInt64(raw[index]) << (8 * UInt64(index - offset)) }
            mix(tail)
            hash ^= hash >> 29
            hash = hash &* 0xBF58_476D_1CE4_E5B9
            return hash ^ (hash >> 32)
        }
    }

    /// Atomically (temp file, then rename), so a killed build leaves no half entry.
    static func store(_ payload: [UInt8], at path: String, directory: String) {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? FileOperations.replaceFile(path, parts: [.bytes(Array((header(payload) + "\n").utf8)), .bytes(payload)])
    }

    /// The running docgen binary as a file: device, inode, size and modification
    /// time. Any rebuild of docgen changes it; nil (no memo) where it cannot be read.
    static let docgenIdentity: String? = {
        guard let path = Bundle.main.executablePath else { return nil }
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
        let modified = "\(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)"
        #else
        let modified = "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        #endif
        return "\(path) \(info.st_dev) \(info.st_ino) \(info.st_size) \(modified)"
    }()
}

/// The page memo's entries kept in the process (`docgen serve`), so that a rebuild after
/// an edit reads the unchanged pages from memory, not from `.docgen-cache/memo/`. Each
/// entry remembers the last build that used it; a build that succeeded forgets the rest,
/// so memory holds one build's worth (the disk keeps everything).
public final class MemoMemory: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (bytes: [UInt8], build: Int)] = [:]
    private var builds = 0

    public init() {}

    /// The number of a new build.
    func beginBuild() -> Int {
        lock.withLock {
            builds += 1
            return builds
        }
    }

    func load(_ path: String, build: Int) -> [UInt8]? {
        lock.withLock {
            guard let entry = entries[path] else { return nil }
            entries[path]?.build = max(entry.build, build)
            return entry.bytes
        }
    }

    func store(_ path: String, _ bytes: [UInt8], build: Int) {
        lock.withLock { entries[path] = (bytes, build) }
    }

    /// Forgets the entries no build from `build` on has used.
    func forget(before build: Int) {
        lock.withLock { entries = entries.filter { $0.value.build >= build } }
    }

    /// How many entries are kept (for tests).
    var count: Int { lock.withLock { entries.count } }
}
