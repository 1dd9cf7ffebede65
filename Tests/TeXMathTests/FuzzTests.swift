import Testing
@testable import TeXMath
import SourceErrors

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
        var generator = SplitMix64(seed: 42)
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
        #expect(throws: LocatedError.self) { try TeXFormula(tex, style: .display, at: .chapter()) }
        let unclosed = String(repeating: "{", count: 10_000)
        #expect(throws: LocatedError.self) { try TeXFormula(unclosed, style: .inline, at: .chapter()) }
    }

    @Test func deepChainsOfCommandsAreCapped() {
        for prefix in ["\\hat", "\\sqrt", "x^", "\\frac1", "\\left(", "\\mathbf", "\\begin{pmatrix}"] {
            let tex = String(repeating: prefix, count: 5_000) + "x"
            #expect(throws: LocatedError.self) { try TeXFormula(tex, style: .display, at: .chapter()) }
        }
    }

    @Test func moderateNestingStillWorks() throws {
        let tex = String(repeating: "{", count: 40) + "x" + String(repeating: "}", count: 40)
        _ = try formula(tex)
    }
}


/// Derivation blocks built from random pieces: checked, or rejected with an error, never a crash or hang.
@Suite struct DerivationFuzzTests {
    static let pieces = [
        "z", "y", "x_i", "N", "1", "2.5", "+", "-", "=", "\\le", "\\ge", "(", ")", "{", "}", "^", "_",
        "\\frac", "\\log", "\\exp", "\\sigma", "\\sum_{i=1}^{N}", "\\prod_{i=1}^{3}", "\\frac{d}{dz}",
        "\\sqrt", "\\left(", "\\right)", "\\max(z, y)", "|", "\\cdot", "e^{", "q", "\n= ", "\n",
    ]

    @Test func randomChainsGiveResultsOrErrors() {
        var generator = SplitMix64(seed: 7)
        var outcomes = (checked: 0, errors: 0)
        for _ in 0..<400 {
            let count = Int(generator.next() % 16) + 1
            let chain = (0..<count).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined(separator: " ")
            let body = "given: z in [-2, 2]; y in {0, 1}; x in [-1, 1]^N; N = 3\ndefine: \\sigma(t) = \\frac{1}{1 + e^{-t}}\n" + chain
            do {
                _ = try CheckedDerivation(body, file: "fuzz.md", line: 1)
                outcomes.checked += 1
            } catch {
                outcomes.errors += 1
                #expect(error.location.file == "fuzz.md")
            }
        }
        #expect(outcomes.errors > 200)
    }

    @Test func hugeWorkIsStoppedNotHung() throws {
        let nested = "given: z in [0, 1]\n\\sum_{i=1}^{100000} \\sum_{j=1}^{100000} z = z"
        #expect(throws: LocatedError.self) { try CheckedDerivation(nested, file: "f.md", line: 1) }
        let derivatives = "given: z in [0, 1]\n" + String(repeating: "\\frac{d}{dz}", count: 40) + " z = z"
        #expect(throws: LocatedError.self) { try CheckedDerivation(derivatives, file: "f.md", line: 1) }
    }

    /// Found by the FuzzTeX harness (issue 13): a bracket sized with `\big` opened a group
    /// for the lowering but was not one for the group finder, and a force unwrap crashed.
    @Test func sizedBracketsGroupLikePlainOnes() throws {
        #expect(throws: LocatedError.self) { try CheckedDerivation("\\Big[=/", file: "f.md", line: 1) }
        let sized = "given: z in [0, 1]\n\\Big[ (z + 1) \\Big]^{2} - \\big(z\\big) = z^2 + z + 1"
        #expect(try CheckedDerivation(sized, file: "f.md", line: 1).stepCount == 1)
    }

    /// Found by the FuzzTeX harness (issue 13): parentheses are flat to the TeX parser, so
    /// its depth cap did not apply and lowering recursed once per level until the stack ran out.
    @Test func deeplyNestedParenthesesAreAnErrorNotAStackOverflow() throws {
        for depth in [1_000, 20_000] {
            let body = "given: z in [0, 1]\n" + String(repeating: "(", count: depth) + "z" + String(repeating: ")", count: depth) + " = z"
            let error = #expect(throws: LocatedError.self) { try CheckedDerivation(body, file: "f.md", line: 1) }
            #expect(error?.message.contains("nests deeper than \(Lowering.maximumNesting) levels") == true)
        }
        let deepest = String(repeating: "(", count: Lowering.maximumNesting - 1) + "z" + String(repeating: ")", count: Lowering.maximumNesting - 1)
        #expect(try CheckedDerivation("given: z in [0, 1]\n" + deepest + " = z", file: "f.md", line: 1).stepCount == 1)
    }

    @Test func longestAllowedExpressionEvaluatesWithoutOverflow() throws {
        let terms = Array(repeating: "z", count: Lowering.maximumFactors / 2 - 1)
        let body = "given: z in [0, 1]\n" + terms.joined(separator: " + ") + " = \(terms.count) z"
        let checked = try CheckedDerivation(body, file: "f.md", line: 1)
        #expect(checked.stepCount == 1)
        let tooLong = "given: z in [0, 1]\n" + Array(repeating: "z", count: Lowering.maximumFactors + 1).joined(separator: " + ") + " = z"
        #expect(throws: LocatedError.self) { try CheckedDerivation(tooLong, file: "f.md", line: 1) }
    }
}
