@_spi(Fuzzing) import Claims
import Foundation
import Testing

/// Replays the corpus and crash reproducers of the `FuzzClaims` harness (`Fuzz/`)
/// through the same entry point: every input must come back with a result or a
/// clean error, and break no invariant. A crash here is a regression.
@Suite struct FuzzCorpusTests {
    static let fuzzRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    /// Every file of `Fuzz/Corpus/FuzzClaims/` and `Fuzz/Crashes/FuzzClaims/`.
    static func inputs() throws -> [(name: String, bytes: [UInt8])] {
        var found: [(name: String, bytes: [UInt8])] = []
        for folder in ["Corpus", "Crashes"] {
            let directory = fuzzRoot.appendingPathComponent(folder).appendingPathComponent("FuzzClaims")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                found.append(("\(folder)/FuzzClaims/\(name)", Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
            }
        }
        return found
    }

    @Test func claimsCorpus() throws {
        let inputs = try Self.inputs()
        #expect(inputs.count >= 15)
        for input in inputs {
            let violations = ClaimsProbe.violations(in: String(decoding: input.bytes, as: UTF8.self))
            #expect(violations.isEmpty, "\(input.name): \(violations)")
        }
    }

    @Test func theProbeSeesThroughEveryStage() {
        #expect(ClaimsProbe.violations(in: "check a.x > 0 and all(b.y.mean < b.y)").isEmpty)
        #expect(ClaimsProbe.violations(in: #"if abs(a.x - 1) <= 1e-3 then "close" else "far""#).isEmpty)
        #expect(ClaimsProbe.violations(in: "check ((((").isEmpty)
    }
}
