import Testing
import TeXMath

/// Hostile input must end in a value (formula or error), never a crash, a stack overflow or a hang.
@Suite struct FuzzTests {
    static let tokens = [
        "{", "}", "^", "_", "&", "\\\\", "x", "1", "2.5", "+", "-", "=", "(", ")", "[", "]", "|", ",",
        "\\frac", "\\sqrt", "\\left", "\\right", "\\middle", "\\begin{pmatrix}", "\\end{pmatrix}",
        "\\begin{aligned}", "\\end{aligned}", "\\sum", "\\int", "\\log", "\\operatorname", "\\text{a}",
        "\\mathbf", "\\hat", "\\big", "\\label{eq:x}", "\\foo", "'", "\\,", "\\!", "\\alpha", "%", "\n", " ", "\\",
        "\\begin{cases}", "\\end{cases}", "\\operatorname*", "\\arg", "\\max", "α", "\\mid", "\\{", "\\}",
    ]

    @Test func randomTokenSoupGivesFormulasOrErrors() {
        var generator = TestGenerator(seed: 42)
        var errors = 0
        for _ in 0..<3000 {
            let count = Int(generator.next() % 24) + 1
            let tex = (0..<count).map { _ in Self.tokens[Int(generator.next() % UInt64(Self.tokens.count))] }.joined()
            for style in [MathStyle.inline, .display] {
                do {
                    let parsed = try TeXFormula(tex, style: style, at: .chapter())
                    _ = parsed.mathML(number: "1.1").serialized()
                } catch {
                    errors += 1
                    #expect(!error.message.isEmpty)
                    #expect(error.location.line >= 10)
                }
            }
        }
        // Soup is mostly malformed; if nothing failed the parser accepts too much.
        #expect(errors > 1000)
    }

    @Test func tenThousandNestedBracesIsAnError() {
        let tex = String(repeating: "{", count: 10_000) + "x" + String(repeating: "}", count: 10_000)
        #expect(throws: TeXMathError.self) { try TeXFormula(tex, style: .display, at: .chapter()) }
        let unclosed = String(repeating: "{", count: 10_000)
        #expect(throws: TeXMathError.self) { try TeXFormula(unclosed, style: .inline, at: .chapter()) }
    }

    @Test func deepChainsOfCommandsAreCapped() {
        for prefix in ["\\hat", "\\sqrt", "x^", "\\frac1", "\\left(", "\\mathbf", "\\begin{pmatrix}"] {
            let tex = String(repeating: prefix, count: 5_000) + "x"
            #expect(throws: TeXMathError.self) { try TeXFormula(tex, style: .display, at: .chapter()) }
        }
    }

    @Test func moderateNestingStillWorks() throws {
        let tex = String(repeating: "{", count: 40) + "x" + String(repeating: "}", count: 40)
        _ = try formula(tex)
    }
}

/// SplitMix64 for test inputs; independent of the module's own generator.
struct TestGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
