import Testing
@testable import TeXMath
import SourceErrors

/// Derivations that once trapped, overflowed the stack, asked for absurd memory or printed
/// megabytes (issue 18): each is now a located error, or simply works.
@Suite struct DerivationLimitTests {
    func failure(_ body: String) -> LocatedError? {
        do {
            _ = try CheckedDerivation(body, file: "ch.md", line: 10)
            return nil
        } catch {
            return error
        }
    }

    /// Item 14: the count of `{0, ..., 2^63 − 1}` overflowed Int.
    @Test func integerRangesBeyondTwoToThe53AreAnError() throws {
        for range in ["{0, ..., 9223372036854775807}", "{-9223372036854775808, ..., 0}", "{1, ..., 9007199254740993}"] {
            let error = try #require(failure("given: n in \(range)\nn = n"))
            #expect(error.message.contains("within ±2^53 (9007199254740992)"), "\(error.message)")
            #expect(error.location == TextLocation(file: "ch.md", line: 10, column: 13))
        }
        let widest = try CheckedDerivation("given: n in {-9007199254740992, ..., 9007199254740992}\nn + 1 - 1 = n", file: "ch.md", line: 10)
        #expect(widest.note == "checked at 64 points over n ∈ {−9007199254740992, …, 9007199254740992}")
    }

    @Test func samplingAnyIntegerRangeStaysInside() {
        var generator = SplitMix64(seed: 1)
        for range in [Int.min...Int.max, 0...Int.max, Int.min...0, -3...3, 5...5] {
            let domain = Domain(values: .integers(range), length: nil)
            for _ in 0..<100 {
                let value = domain.sampleScalar(&generator)
                #expect(value >= Double(range.lowerBound) && value <= Double(range.upperBound))
            }
        }
    }

    /// Item 15: `N = 100000000000` sampled 800 GB of vector elements.
    @Test func vectorsHoldAtMostACappedNumberOfElements() throws {
        let cap = DerivationBlock.maximumVectorElements
        let huge = try #require(failure("given: x in [-2, 2]^N; N = 100000000000\nx_1 = x_1"))
        #expect(huge.message == "'x' has 100000000000 elements, too many to check: the vectors of a derivation hold at most \(cap) numbers in all (each sampled at 64 points)")
        #expect(huge.location == TextLocation(file: "ch.md", line: 10, column: 13))
        let literal = try #require(failure("given: x in [-2, 2]^9223372036854775807\nx_1 = x_1"))
        #expect(literal.message.hasPrefix("'x' has 9223372036854775807 elements, too many to check"))
        // Together: the second vector is the one over the cap.
        let together = try #require(failure("given: x in [0, 1]^\(cap - 2); y in [0, 1]^3\nx_1 = x_1"))
        #expect(together.message.hasPrefix("'y' has 3 elements"))
        #expect(together.location.column == 32)
        let full = try CheckedDerivation("given: x in [0, 1]^\(cap)\nx_{\(cap)} = x_{\(cap)}", file: "ch.md", line: 10)
        #expect(full.stepCount == 1)
    }

    /// Item 15, the work in total: each expression at each point has a budget, and so has the
    /// whole derivation, or a long chain of costly steps would run for hours.
    @Test func aDerivationHasAWorkBudgetInAll() throws {
        let step = "\\sum_{i=1}^{400000} z"
        let chain = Array(repeating: step, count: 40).joined(separator: "\n= ")
        let error = try #require(failure("given: z in [0, 1]\n" + chain))
        #expect(error.message == "too much work to check: over \(Evaluator.derivationWorkBudget) evaluation steps in all (every step at 64 points)")
        // Each step evaluates 400,003 nodes: the sum, its two bounds and 400,000 terms.
        #expect(error.location.line == 11 + Evaluator.derivationWorkBudget / 400_003)
    }

    /// Code review of issue 18: only calls, sum terms and derivatives were counted, so the
    /// arithmetic of a function's body was free and a sum over 1,000 calls of a 1,000-term body
    /// (about 2,000 nodes each) ran for minutes within the budget. Every node counts now.
    @Test func theArithmeticOfAFunctionBodyCountsAsWork() throws {
        let terms = Array(repeating: "t", count: 1_000).joined(separator: " + ")
        let body = "given: x in [-2, 2]^N; N = 1000\ndefine: f(t) = \(terms)\n\\sum_{i=1}^{N} f(x_i) = \\sum_{i=1}^{N} f(x_i)"
        let clock = ContinuousClock()
        var error: LocatedError?
        let elapsed = clock.measure { error = failure(body) }
        let found = try #require(error)
        #expect(found.message == "too much work to evaluate (over \(Evaluator.workBudget) steps at one point)")
        #expect(found.location == TextLocation(file: "ch.md", line: 12, column: 1))
        #expect(elapsed < .seconds(5), "\(elapsed)")
        // The same sum over 10 elements (about 20,000 nodes a side) is checked.
        let small = body.replacingOccurrences(of: "N = 1000", with: "N = 10")
        #expect(try CheckedDerivation(small, file: "ch.md", line: 10).stepCount == 1)
    }

    /// Item 16: functions defined on top of each other, each hundreds of terms deep, nested their
    /// bodies when evaluated and overflowed the stack (SIGSEGV, no message). The depth is
    /// counted as the evaluation runs, through calls, and past the cap is an error at the step.
    @Test func depthCountsThroughTheFunctionsAnExpressionCalls() throws {
        let terms = Array(repeating: "t", count: 500).joined(separator: " + ")
        var lines = ["given: z in [0, 1]", "define: f_{0}(t) = \(terms)"]
        for level in 1..<60 { lines.append("define: f_{\(level)}(t) = f_{\(level - 1)}(t) + \(terms)") }
        let error = try #require(failure((lines + ["f_{59}(z) = z"]).joined(separator: "\n")))
        #expect(error.message == "this expression nests more than \(Evaluator.maximumDepth) levels deep with the functions it calls; that many cannot be evaluated")
        #expect(error.location == TextLocation(file: "ch.md", line: 71, column: 1))
        #expect(error.caret == "^~~~~~~~~~")

        // Two levels fit, and a step that calls them deeper still is refused at the step.
        let two = Array(lines[0...2]).joined(separator: "\n")
        #expect(try CheckedDerivation(two + "\nf_{1}(z) = 1000 z", file: "ch.md", line: 10).stepCount == 1)
        let deeper = "f_{1}(z) + " + Array(repeating: "z", count: 300).joined(separator: " + ")
        let step = try #require(failure(two + "\n" + deeper + " = 1300 z"))
        #expect(step.message.hasPrefix("this expression nests more than "))
        #expect(step.location == TextLocation(file: "ch.md", line: 13, column: 1))
        // A chain of a thousand one-line functions is as deep, and as much an error.
        var chained = ["given: z in [0, 1]", "define: g_{0}(t) = t"]
        for level in 1..<1_000 { chained.append("define: g_{\(level)}(t) = g_{\(level - 1)}(t)") }
        let chain = try #require(failure((chained + ["g_{999}(z) = z"]).joined(separator: "\n")))
        #expect(chain.message.hasPrefix("this expression nests more than "))
    }

    /// Derivatives recurse through their helpers too; a deep chain of them stops at the cap (or
    /// the work budget, four evaluations of the body each) before the stack does.
    @Test func nestedDerivativesStopBeforeTheStack() throws {
        for count in [400, 900] {
            let derivatives = String(repeating: "\\frac{d}{dz}", count: count)
            let error = try #require(failure("given: z in [0, 1]\n" + derivatives + " z = 0"))
            #expect(error.message.hasPrefix("this expression nests more than") || error.message.hasPrefix("too much work"), "\(error.message)")
        }
    }

    /// Item 18: a wrong step with a vector of 200,000 elements printed a 4 MB line; long vectors
    /// are summarised as their first and last elements and their length.
    @Test func longVectorsAreSummarisedInErrors() throws {
        let error = try #require(failure("given: x in [0, 1]^N; N = 50000; z in [0, 1]\n\\sum_{i=1}^{N} x_i = \\sum_{i=1}^{N} x_i + z"))
        #expect(error.message.utf8.count < 400, "\(error.message.utf8.count) bytes")
        #expect(error.message.hasPrefix("step does not hold at x = ["))
        #expect(error.message.contains(", …, "))
        #expect(error.message.contains("] (50000 elements), z = "))
        #expect(CheckedDerivation.describe([1, 2, 3]) == "[1.0, 2.0, 3.0]")
        #expect(CheckedDerivation.describe((1...10).map(Double.init)) == "[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]")
        #expect(CheckedDerivation.describe((1...11).map(Double.init)) == "[1.0, 2.0, 3.0, 4.0, 5.0, …, 7.0, 8.0, 9.0, 10.0, 11.0] (11 elements)")
    }
}

