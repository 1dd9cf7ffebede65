import ExperimentKit
import Experiments
import Foundation
@_spi(Benchmarks) import Notebook
import SourceDigest

/// Issue 19: what the result cache's own binary coder and SHA-256 cost and save,
/// against Foundation's coders and a fast non-cryptographic hash, over the
/// book's real results.
///
/// The results are the entries of `<package root>/.docgen-cache/` for the
/// current keys of `Registry.book` (what a warm `docgen build` reads; fill it
/// with one `docgen build` of the release binary); if there are none, every
/// experiment is run in-process instead and its entry stored in a temporary
/// cache. `BinaryEncoder`, `BinaryDecoder`, `ResultCache` and `CacheKey` are
/// Notebook's own (public to this package only, `@_spi(Benchmarks)`), so the
/// code timed is the code docgen runs.
///
/// Each timed run covers all the results once:
/// - `cache/encode <format>`, `cache/decode <format>`: in memory, no I/O.
/// - `cache/hash <hash> (<format> bytes)`: the hex digest of every payload.
/// - `cache/load production`: `ResultCache.load` of every entry of `.docgen-cache/`
///   (read, SHA-256 check, binary decode): what a warm build spends on the cache.
/// - `cache/read files`: only reading those files.
/// - `cache/load <format>+<hash>`, `cache/store <format>+<hash>`: the same entry
///   layout (header line with digest and seconds, then the payload) in a
///   temporary directory, for each pair; `store` writes atomically as docgen does.
enum CacheBenchmarks {
    enum Format: String, CaseIterable {
        case binary, plist, json

        func encode(_ result: ExperimentResult) throws -> Data {
            switch self {
            case .binary: return Data(try BinaryEncoder().encode(result))
            case .plist:
                let encoder = PropertyListEncoder()
                encoder.outputFormat = .binary
                return try encoder.encode(result)
            case .json:
                let encoder = JSONEncoder()
                // Figures may hold NaN or ±∞, which plain JSON cannot.
                encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                return try encoder.encode(result)
            }
        }

        func decode(_ payload: Data) throws -> ExperimentResult {
            switch self {
            case .binary: return try BinaryDecoder().decode(ExperimentResult.self, from: [UInt8](payload))
            case .plist: return try PropertyListDecoder().decode(ExperimentResult.self, from: payload)
            case .json:
                let decoder = JSONDecoder()
                decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
                return try decoder.decode(ExperimentResult.self, from: payload)
            }
        }
    }

    enum Hash: String, CaseIterable {
        case sha256, fast128

        func hexDigest(_ payload: Data) -> String {
            switch self {
            case .sha256:
                var hasher = SHA256()
                hasher.update(payload)
                return hasher.hexDigest()
            case .fast128: return FastHash128.hexDigest(payload)
            }
        }
    }

    /// The book's results and the production cache that holds them.
    struct Corpus: Sendable {
        var cache: ResultCache
        var keys: [CacheKey]
        var results: [ExperimentResult]
        var origin: String
        /// Holds the cache's directory when it is a temporary one.
        var temporary: TemporaryDirectory?
    }

    static let corpus: Corpus = {
        let cache = ResultCache(packageRoot: BookBenchmarks.packageRoot, writable: false)
        let registry = Registry.book
        var keys: [CacheKey] = [], results: [ExperimentResult] = []
        for id in registry.ids {
            let key = CacheKey(registry[id]!, code: registry.code)
            if let entry = cache.load(key) {
                keys.append(key)
                results.append(entry.result)
            }
        }
        if !results.isEmpty { return Corpus(cache: cache, keys: keys, results: results, origin: cache.directory) }
        // No warm cache: every experiment run here, its entry stored in a temporary cache.
        let temporary = TemporaryDirectory()
        let fresh = ResultCache(directory: temporary.path)
        for id in registry.ids {
            let experiment = registry[id]!
            let result: ExperimentResult
            do { result = try experiment.run() } catch { fatalError("experiment \(id) failed: \(error)") }
            let key = CacheKey(experiment, code: registry.code)
            fresh.store(result, seconds: 0, for: key)
            keys.append(key)
            results.append(result)
        }
        return Corpus(cache: fresh, keys: keys, results: results,
                      origin: "every experiment run in-process (no entry in \(cache.directory))", temporary: temporary)
    }()

    /// Removes the temporary cache, if there is one (a static value is never released, so its deinit would not run).
    static func finish() {
        if let temporary = corpus.temporary { try? FileManager.default.removeItem(atPath: temporary.path) }
    }

    static func payloads(_ format: Format) -> [Data] {
        corpus.results.map { result in
            do { return try format.encode(result) } catch { fatalError("\(format) cannot encode a result: \(error)") }
        }
    }

    /// One line per format: entries, total payload bytes, largest payload; and
    /// whether every result comes back the same (compared as binary bytes, since NaN ≠ NaN).
    static func sizeReport() -> [String] {
        let reference = corpus.results.map { try! BinaryEncoder().encode($0) }
        return Format.allCases.map { format in
            let data = payloads(format)
            let roundTrips = zip(data, reference).allSatisfy { payload, expected in
                (try? BinaryEncoder().encode(format.decode(payload))) == expected
            }
            return "cache/bytes \(format)\tentries=\(data.count)\tbytes=\(data.map(\.count).reduce(0, +))"
                + "\tlargest=\(data.map(\.count).max() ?? 0)\tround_trip=\(roundTrips ? "same" : "DIFFERS")\tsource=\(corpus.origin)"
        }
    }

    static var all: [Benchmark] {
        var benchmarks: [Benchmark] = []
        for format in Format.allCases {
            benchmarks.append(Benchmark(name: "cache/encode \(format)") {
                let results = corpus.results
                return { for result in results { blackHole(try! format.encode(result)) } }
            })
        }
        for format in Format.allCases {
            benchmarks.append(Benchmark(name: "cache/decode \(format)") {
                let data = payloads(format)
                return { for payload in data { blackHole(try! format.decode(payload)) } }
            })
        }
        for format in Format.allCases {
            for hash in Hash.allCases {
                benchmarks.append(Benchmark(name: "cache/hash \(hash) (\(format) bytes)") {
                    let data = payloads(format)
                    return { for payload in data { blackHole(hash.hexDigest(payload)) } }
                })
            }
        }
        benchmarks.append(Benchmark(name: "cache/load production (read + sha256 + binary decode)") {
            let corpus = corpus
            return { for key in corpus.keys { blackHole(corpus.cache.load(key)!) } }
        })
        benchmarks.append(Benchmark(name: "cache/read files") {
            let corpus = corpus
            let paths = corpus.keys.map { corpus.cache.path(for: $0) }
            return {
                for path in paths { blackHole(FileManager.default.contents(atPath: path)!) }
                blackHole(corpus)
            }
        })
        for format in Format.allCases {
            for hash in Hash.allCases {
                benchmarks.append(Benchmark(name: "cache/load \(format)+\(hash)") {
                    let directory = TemporaryDirectory()
                    let paths = corpus.results.indices.map { directory.path + "/entry-\($0).bin" }
                    for (path, result) in zip(paths, corpus.results) {
                        store(result, format: format, hash: hash, at: path)
                    }
                    return {
                        for path in paths { blackHole(load(path, format: format, hash: hash)!) }
                        blackHole(directory)
                    }
                })
                benchmarks.append(Benchmark(name: "cache/store \(format)+\(hash)") {
                    let directory = TemporaryDirectory()
                    let results = corpus.results
                    let paths = results.indices.map { directory.path + "/entry-\($0).bin" }
                    return {
                        for (path, result) in zip(paths, results) { store(result, format: format, hash: hash, at: path) }
                        blackHole(directory)
                    }
                })
            }
        }
        return benchmarks
    }

    /// `ResultCache.store` with another format and hash: header line, payload, written to a temp file and renamed.
    static func store(_ result: ExperimentResult, format: Format, hash: Hash, at path: String) {
        guard let payload = try? format.encode(result) else { fatalError("\(format) cannot encode a result") }
        let file = Data("\(hash) \(hash.hexDigest(payload)) seconds 0.125\n".utf8) + payload
        let temporary = path + ".tmp-\(getpid())"
        do {
            try file.write(to: URL(fileURLWithPath: temporary))
            _ = rename(temporary, path)
        } catch {
            fatalError("cannot write \(temporary): \(error)")
        }
    }

    /// `ResultCache.load` with another format and hash.
    static func load(_ path: String, format: Format, hash: Hash) -> ExperimentResult? {
        guard let data = FileManager.default.contents(atPath: path),
              let newline = data.firstIndex(of: 0x0A) else { return nil }
        let header = String(decoding: data[..<newline], as: UTF8.self).split(separator: " ")
        let payload = data[(newline + 1)...]
        guard header.count == 4, header[0] == hash.rawValue, header[1] == hash.hexDigest(payload), header[2] == "seconds",
              Double(header[3]) != nil,
              let result = try? format.decode(payload) else { return nil }
        return result
    }
}

