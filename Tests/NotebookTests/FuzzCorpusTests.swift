@_spi(Fuzzing) import CommonMark
import Foundation
@_spi(Fuzzing) import Notebook
import TeXMath
import Testing

/// Replays the libFuzzer corpora and crash reproducers of `Fuzz/` (issue 13) through the
/// same entry points as the harnesses, the same way (see `Fuzz/Sources/*`): every input
/// must come back with a result or a clean error. A crash here is a regression.
@Suite struct FuzzCorpusTests {
    static let fuzzRoot = Fixtures.packageRoot.appendingPathComponent("Fuzz")

    /// Every file of `Fuzz/Corpus/<harness>/` and `Fuzz/Crashes/<harness>/`.
    static func inputs(_ harness: String) throws -> [(name: String, bytes: [UInt8])] {
        var found: [(name: String, bytes: [UInt8])] = []
        for folder in ["Corpus", "Crashes"] {
            let directory = fuzzRoot.appendingPathComponent(folder).appendingPathComponent(harness)
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                found.append(("\(folder)/\(harness)/\(name)", Array(try Data(contentsOf: directory.appendingPathComponent(name)))))
            }
        }
        return found
    }

    /// The harness's view of the input: the first byte picks a mode, the rest is text.
    static func split(_ bytes: [UInt8]) -> (mode: Int, text: String)? {
        guard let first = bytes.first else { return nil }
        return (Int(first), String(decoding: bytes.dropFirst(), as: UTF8.self))
    }

    @Test func mathScannerCorpus() throws {
        let inputs = try Self.inputs("FuzzMathScanner")
        #expect(inputs.count > 10)
        for input in inputs {
            let source = String(decoding: input.bytes, as: UTF8.self)
            let (document, violations) = MathProtectionProbe.parse(source)
            #expect(violations.isEmpty, "\(input.name)")
            if let document { _ = HTMLPolicy.check(document, source: LineEndings.normalized(source)) }
        }
    }

    @Test func texCorpus() throws {
        let inputs = try Self.inputs("FuzzTeX")
        #expect(inputs.count > 10)
        let start = TeXLocation(file: "fuzz.md", line: 1, column: 1)
        for input in inputs {
            guard let (mode, tex) = Self.split(input.bytes) else { continue }
            switch mode % 3 {
            case 0: _ = try? TeXFormula(tex, style: .inline, at: start)
            case 1: _ = try? TeXFormula(tex, style: .display, at: start)
            default: _ = try? CheckedDerivation(tex, file: "fuzz.md", line: 1)
            }
        }
    }

    @Test func directiveCorpus() throws {
        let inputs = try Self.inputs("FuzzDirectives")
        #expect(inputs.count > 10)
        let location = SourceLocation(file: "fuzz.md", line: 3, column: 1)
        for input in inputs {
            guard let (mode, literal) = Self.split(input.bytes) else { continue }
            let (name, keys) = DirectiveKeys.all[mode % DirectiveKeys.all.count]
            _ = DirectiveFields.parse(name: name, literal: literal, location: location, allowed: keys)
        }
    }

    @Test func inlineValueCorpus() throws {
        let inputs = try Self.inputs("FuzzInlineValues")
        #expect(inputs.count > 5)
        for input in inputs {
            _ = InlineValue.scan(String(decoding: input.bytes, as: UTF8.self), at: SourceLocation(file: "fuzz.md", line: 1, column: 1))
        }
    }
}
