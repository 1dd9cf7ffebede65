@_spi(Fuzzing) import CommonMark
import Foundation
@_spi(Fuzzing) @testable import Notebook
import SourceDigest
import Testing
import TeXMath
import SourceErrors

/// Replays the libFuzzer corpora and crash reproducers of `Fuzz/` (issue 13) through the
/// same entry points as the harnesses, the same way (see `Fuzz/Sources/*`): every input
/// must come back with a result or a clean error. A crash here is a regression.
///
/// What each input came back with is written down, one entry per input, and the whole list
/// is compared with `Tests/Fixtures/fuzz-outcomes/<harness>.txt`, so that an input which
/// used to parse and now fails (or the reverse, or another error, or other MathML) shows
/// too. After adding corpus inputs or changing a parser on purpose, `DOCGEN_UPDATE_GOLDENS=1`
/// rewrites those files; read their diff before committing it.
@Suite struct FuzzCorpusTests {
    static let fuzzRoot = Fixtures.packageRoot.appendingPathComponent("Fuzz")
    static let outcomesDirectory = Fixtures.root.appendingPathComponent("fuzz-outcomes")

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

    /// Runs every input of `harness` through `outcome` (the input's name and bytes in, a
    /// summary and details out) and compares the list with the harness's outcome file.
    static func replay(_ harness: String, atLeast minimum: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                       _ outcome: (_ name: String, _ bytes: [UInt8]) -> (summary: String, details: [String])) throws {
        let inputs = try inputs(harness)
        #expect(inputs.count >= minimum, "\(harness) has only \(inputs.count) inputs", sourceLocation: sourceLocation)
        var outcomes = Outcomes()
        for input in inputs {
            let (summary, details) = outcome(input.name, input.bytes)
            outcomes.add(input.name, summary, details)
        }
        try outcomes.compare(with: harness, sourceLocation: sourceLocation)
    }

    /// `replay` for the harnesses whose first byte picks a mode; an empty input runs nothing.
    static func replayModes(_ harness: String, atLeast minimum: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation,
                            _ outcome: (_ name: String, _ mode: Int, _ text: String) -> (summary: String, details: [String])) throws {
        try replay(harness, atLeast: minimum, sourceLocation: sourceLocation) { name, bytes in
            guard let (mode, text) = split(bytes) else { return ("empty: not run", []) }
            return outcome(name, mode, text)
        }
    }

    @Test func mathScannerCorpus() throws {
        try Self.replay("FuzzMathScanner", atLeast: 11) { name, bytes in
            let source = String(decoding: bytes, as: UTF8.self)
            let (document, violations) = MathProtectionProbe.parse(source)
            #expect(violations.isEmpty, "\(name)")
            let broken = violations.map { "violation: \($0)" }
            guard let document else {
                // The probe says only that the parse failed; the parser says why.
                do throws(ParseError) {
                    _ = try MarkdownParser.parse(LineEndings.normalized(source), file: "probe.md")
                    return ("parse error", broken + ["the probe failed but the parser did not"])
                } catch {
                    return ("parse error", broken + [error.description])
                }
            }
            // Where each formula starts and what it holds, as a digest: a scanner that finds
            // other spans changes it.
            var spans: [String] = []
            var inline = 0, display = 0
            document.forEach { node in
                if case .math(let span) = node.kind {
                    if span.display { display += 1 } else { inline += 1 }
                    spans.append("\(span.display ? "$$" : "$") \(span.texStart) \(span.tex)")
                }
            }
            let math = spans.isEmpty ? "" : " (spans \(Outcomes.digest(spans.joined(separator: "\n"))))"
            let policy = HTMLPolicy.check(document, source: LineEndings.normalized(source))
            return ("parsed: \(inline) inline math, \(display) display math\(math), \(policy.count) policy errors",
                    broken + policy.map(\.description))
        }
    }

    @Test func texCorpus() throws {
        let start = TextLocation(file: "fuzz.md", line: 1, column: 1)
        try Self.replayModes("FuzzTeX", atLeast: 11) { _, mode, tex in
            let kind = ["inline", "display", "derivation"][mode % 3]
            do throws(LocatedError) {
                switch mode % 3 {
                case 0, 1:
                    let formula = try TeXFormula(tex, style: mode % 3 == 0 ? .inline : .display, at: start)
                    let label = formula.label.map { ", label \($0.name)" } ?? ""
                    return ("\(kind) ok: MathML \(Outcomes.digest(formula.mathML().serialized()))\(label)", [])
                default:
                    let derivation = try CheckedDerivation(tex, file: "fuzz.md", line: 1)
                    return ("\(kind) ok: MathML \(Outcomes.digest(derivation.mathML.serialized())), "
                            + "\(derivation.stepCount) steps at \(derivation.pointCount) points", [derivation.note])
                }
            } catch {
                return ("\(kind) error", ["\(error.location): \(error.message)"])
            }
        }
    }

    @Test func directiveCorpus() throws {
        // The harness feeds every kind of directive block the site builder parses, and the
        // blocks with Markdown bodies.
        #expect(DirectiveKeys.all.map(\.name) == Directive.names)
        let location = SourceLocation(file: "fuzz.md", line: 3, column: 1)
        try Self.replayModes("FuzzDirectives", atLeast: 11) { inputName, mode, literal in
            let index = mode % (DirectiveKeys.all.count + DirectiveKeys.markdownBlocks.count)
            guard index < DirectiveKeys.all.count else {
                let block = DirectiveKeys.markdownBlocks[index - DirectiveKeys.all.count]
                switch DirectiveKeys.parseChapter(block: block, body: literal) {
                case .success(let nodes): return ("\(block) ok: \(nodes) nodes", [])
                case .failure(let failure): return ("\(block) error", failure.diagnostics.map(\.description))
                }
            }
            let (name, keys) = DirectiveKeys.all[index]
            switch DirectiveFields.parse(name: name, literal: literal, location: location, allowed: keys) {
            case .success(let fields):
                #expect(Set(fields.fields.keys).isSubset(of: keys), "\(inputName)")
                return ("\(name) ok: \(fields.fields.count) fields", fields.fields.sorted { $0.key < $1.key }.map {
                    "\($0.key) = '\($0.value.value)' at \($0.value.location)"
                })
            case .failure(let failure):
                #expect(!failure.diagnostics.isEmpty, "\(inputName)")
                return ("\(name) error", failure.diagnostics.map(\.description))
            }
        }
    }

    @Test func inlineValueCorpus() throws {
        try Self.replay("FuzzInlineValues", atLeast: 6) { _, bytes in
            let (values, errors) = InlineValue.scan(String(decoding: bytes, as: UTF8.self),
                                                    at: SourceLocation(file: "fuzz.md", line: 1, column: 1))
            let found = values.map { value in
                let format = value.format.map { " | \($0)" } ?? ""
                return "{{\(value.experiment).\(value.key)\(format)}} at \(value.location), bytes \(value.range)"
            }
            return ("\(values.count) values, \(errors.count) errors", found + errors.map(\.description))
        }
    }
}

/// What each input of a corpus came back with: a line `name: summary` per input, then its
/// details indented, as written to and compared with a file under `Tests/Fixtures/fuzz-outcomes/`.
struct Outcomes {
    private(set) var lines: [String] = []

    mutating func add(_ name: String, _ summary: String, _ details: [String] = []) {
        lines.append(Self.shown("\(name): \(summary)"))
        for detail in details {
            for line in detail.split(separator: "\n", omittingEmptySubsequences: false) {
                lines.append("    " + Self.shown(String(line)))
            }
        }
    }

    /// The first 16 hex digits of the SHA-256 of `text`: enough to tell outputs apart.
    static func digest(_ text: String) -> String {
        var hasher = SHA256()
        hasher.update(text)
        return String(hasher.hexDigest().prefix(16))
    }

    /// The most characters (Unicode scalars) of a line kept in the file.
    static let longestLine = 240

    /// `text` as one line of the file: control, invisible, bidirectional and private-use
    /// characters as `\u{…}` (picked by fixed ranges, not by the toolchain's Unicode tables,
    /// so every toolchain writes the same file), and a longer line cut, with the digest of
    /// the whole so that a change past the cut still shows.
    static func shown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for scalar in scalars.prefix(longestLine) {
            if isEscaped(scalar.value) {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        if scalars.count > longestLine {
            out += "… (\(scalars.count) characters, SHA-256 \(digest(text)))"
        }
        return out
    }

    private static func isEscaped(_ value: UInt32) -> Bool {
        switch value {
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x034F, 0x061C, 0x180E, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F,
             0xD800...0xF8FF, 0xFE00...0xFE0F, 0xFEFF, 0xFFF0...0xFFFC, 0xFFFE...0xFFFF, 0xE0000...0x10FFFF:
            true
        default:
            false
        }
    }

    /// Compares the outcomes with `Tests/Fixtures/fuzz-outcomes/<harness>.txt`, or rewrites
    /// that file when `DOCGEN_UPDATE_GOLDENS=1`. A mismatch names the first inputs that differ.
    func compare(with harness: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let file = FuzzCorpusTests.outcomesDirectory.appendingPathComponent("\(harness).txt")
        let text = lines.joined(separator: "\n") + "\n"
        if Fixtures.updating {
            try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: file)
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            Issue.record("no \(file.lastPathComponent) under Tests/Fixtures/fuzz-outcomes; DOCGEN_UPDATE_GOLDENS=1 writes it",
                         sourceLocation: sourceLocation)
            return
        }
        let expected = String(decoding: data, as: UTF8.self)
        guard expected != text else { return }
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = text.split(separator: "\n", omittingEmptySubsequences: false)
        let differing = (0..<max(old.count, new.count)).filter { index in
            (index < old.count ? old[index] : nil) != (index < new.count ? new[index] : nil)
        }
        let shown = differing.prefix(6).map { index in
            "line \(index + 1)\n  expected: \(index < old.count ? String(old[index]) : "(none)")\n  actual:   \(index < new.count ? String(new[index]) : "(none)")"
        }
        Issue.record("""
            \(harness): \(differing.count) lines differ from \(file.lastPathComponent) \
            (DOCGEN_UPDATE_GOLDENS=1 rewrites it if the change is intended):
            \(shown.joined(separator: "\n"))
            """, sourceLocation: sourceLocation)
    }
}
