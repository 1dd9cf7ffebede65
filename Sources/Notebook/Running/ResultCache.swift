import ExperimentKit
import Foundation
import SourceDigest

/// `.docgen-cache/`: one file per experiment result, named by its cache key.
/// An entry is trusted only if its checksum line matches its payload and the
/// payload decodes; anything else is recomputed and overwritten.
///
/// The payload is `BinaryEncoder`'s form of the result: numbers as their 8
/// bytes, so a warm rebuild copies figures back instead of parsing text.
/// Entries of older formats (`.json`) have other names and are never read.
@_spi(Benchmarks) public struct ResultCache: Sendable {
    @_spi(Benchmarks) public var directory: String
    /// False for a stale docgen (`SourceState`): it reads entries of its own code but stores none.
    var writable = true

    @_spi(Benchmarks) public init(directory: String, writable: Bool = true) {
        self.directory = directory
        self.writable = writable
    }

    /// The entry file of `key`.
    @_spi(Benchmarks) public func path(for key: CacheKey) -> String {
        joinPath(directory, "\(key.experiment)-\(key.hash.prefix(32)).bin")
    }

    /// A valid entry: the result and how long computing it took.
    @_spi(Benchmarks) public struct Entry: Sendable {
        @_spi(Benchmarks) public var result: ExperimentResult
        @_spi(Benchmarks) public var seconds: Double
    }

    /// The entry for `key`; nil when it is missing, damaged or unreadable.
    @_spi(Benchmarks) public func load(_ key: CacheKey) -> Entry? {
        // Line 1: "sha256 <digest of the payload> seconds <run time>"; then the binary payload.
        guard let data = FileManager.default.contents(atPath: path(for: key)),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[..<newline], as: UTF8.self).split(separator: " ")
        let payload = data[(newline + 1)...]
        var hasher = SHA256()
        hasher.update(payload)
        guard header.count == 4, header[0] == "sha256", header[1] == hasher.hexDigest(), header[2] == "seconds",
              let seconds = Double(header[3]),
              let result = try? BinaryDecoder().decode(ExperimentResult.self, from: [UInt8](payload)) else { return nil }
        return Entry(result: result, seconds: seconds)
    }

    /// Writes atomically (temp file, then rename) so a killed build leaves no half entry.
    @_spi(Benchmarks) public func store(_ result: ExperimentResult, seconds: Double, for key: CacheKey) {
        guard writable, let payload = try? BinaryEncoder().encode(result) else { return }
        var hasher = SHA256()
        hasher.update(payload)
        let header = Array("sha256 \(hasher.hexDigest()) seconds \(seconds)\n".utf8)
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try? FileOperations.replaceFile(path(for: key), parts: [.bytes(header), .bytes(payload)])
    }
}

extension ResultCache {
    /// The cache of the package at `packageRoot`, its `.docgen-cache/`: the one place that
    /// names the folder for the builds that fill it and for `docgen list`, which reads it.
    @_spi(Benchmarks) public init(packageRoot: String, writable: Bool = true) {
        self.init(directory: joinPath(packageRoot, Self.folderName), writable: writable)
    }

    /// The cache's folder in a package; the output may never be it.
    static let folderName = ".docgen-cache"
}
