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

    /// A docgen that may write removes the folders of other binaries first: what they
    /// computed is never read again, and the memo keeps one generation instead of growing
    /// with every rebuild of docgen.
    init(packageRoot: String, useCache: Bool, writable: Bool) {
        self.writable = writable
        guard useCache, let generation = Self.generation else {
            directory = nil
            return
        }
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
        guard let directory, let identity = Self.docgenIdentity else { return try compute() }
        var hasher = SHA256()
        hasher.update("docgen-memo 1\nkind \(kind)\ndocgen \(identity)\n\(input.count)\n")
        hasher.update(input)
        let path = joinPath(directory, "\(kind)-\(hasher.hexDigest().prefix(32)).bin")
        if let stored = Self.load(path) { return stored }
        let computed = try compute()
        if writable { Self.store(computed, at: path, directory: directory) }
        return computed
    }

    /// Line 1: "sha256 <digest of the payload>"; then the payload, UTF-8.
    static func load(_ path: String) -> [UInt8]? {
        guard let data = FileManager.default.contents(atPath: path), let newline = data.firstIndex(of: 0x0A) else { return nil }
        let payload = data[(newline + 1)...]
        var hasher = SHA256()
        hasher.update(payload)
        guard String(decoding: data[..<newline], as: UTF8.self) == "sha256 " + hasher.hexDigest() else { return nil }
        return [UInt8](payload)
    }

    /// Atomically (temp file, then rename), so a killed build leaves no half entry.
    private static func store(_ payload: [UInt8], at path: String, directory: String) {
        var hasher = SHA256()
        hasher.update(payload)
        let temporary = path + ".tmp-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try (Data("sha256 \(hasher.hexDigest())\n".utf8) + Data(payload)).write(to: URL(fileURLWithPath: temporary))
            _ = rename(temporary, path)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
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
