import Experiments
import Foundation

/// `.docgen-cache/`: one file per experiment result, named by its cache key.
/// An entry is trusted only if its checksum line matches its payload and the
/// payload decodes; anything else is recomputed and overwritten.
struct ResultCache: Sendable {
    var directory: String

    // Figures carry NaN and ±∞ (gaps in lines), which plain JSON cannot hold.
    private static let floats = (positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: floats.positiveInfinity, negativeInfinity: floats.negativeInfinity, nan: floats.nan)
        return encoder
    }

    private static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: floats.positiveInfinity, negativeInfinity: floats.negativeInfinity, nan: floats.nan)
        return decoder
    }

    private func path(for key: CacheKey) -> String {
        joinPath(directory, "\(key.experiment)-\(key.hash.prefix(32)).json")
    }

    /// A valid entry: the result and how long computing it took.
    struct Entry: Sendable {
        var result: ExperimentResult
        var seconds: Double
    }

    /// The entry for `key`; nil when it is missing, damaged or unreadable.
    func load(_ key: CacheKey) -> Entry? {
        // Line 1: "sha256 <digest of the payload> seconds <run time>"; then the JSON payload.
        guard let data = FileManager.default.contents(atPath: path(for: key)),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[..<newline], as: UTF8.self).split(separator: " ")
        let payload = data[(newline + 1)...]
        var hasher = SHA256()
        hasher.update(payload)
        guard header.count == 4, header[0] == "sha256", header[1] == hasher.hexDigest(), header[2] == "seconds",
              let seconds = Double(header[3]),
              let result = try? Self.decoder.decode(ExperimentResult.self, from: Data(payload)) else { return nil }
        return Entry(result: result, seconds: seconds)
    }

    /// Writes atomically (temp file, then rename) so a killed build leaves no half entry.
    func store(_ result: ExperimentResult, seconds: Double, for key: CacheKey) {
        guard let payload = try? Self.encoder.encode(result) else { return }
        var hasher = SHA256()
        hasher.update(payload)
        let file = Data("sha256 \(hasher.hexDigest()) seconds \(seconds)\n".utf8) + payload
        let target = path(for: key)
        let temporary = target + ".tmp-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try file.write(to: URL(fileURLWithPath: temporary))
            _ = rename(temporary, target)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }
}
