import Claims
import Foundation
import Testing
import SourceErrors

/// Hostile input: the deepest expressions allowed fit a small stack, anything
/// deeper is an error, and long input is cheap.
@Suite struct LimitTests {
    /// Bodies nested `n` levels in each of the ways an expression can nest.
    static let shapes: [(name: String, body: @Sendable (Int) -> String)] = [
        ("brackets", { "check " + String(repeating: "(", count: $0) + "1 < 2" + String(repeating: ")", count: $0) }),
        ("minus", { "check " + String(repeating: "-(", count: $0) + "1" + String(repeating: ")", count: $0) + " < 2" }),
        ("not", { "check " + String(repeating: "not (", count: $0) + "1 < 2" + String(repeating: ")", count: $0) }),
        ("calls", { "check " + String(repeating: "abs(1 + ", count: $0) + "1" + String(repeating: ")", count: $0) + " > 0" }),
        ("min", { "check " + String(repeating: "min(2, -", count: $0) + "1" + String(repeating: ")", count: $0) + " < 0" }),
        ("and", { "check " + String(repeating: "(1 < 2 and ", count: $0) + "1 < 2" + String(repeating: ")", count: $0) }),
        ("all", {
            "check all(" + String(repeating: "(fit.steps > 1 and ", count: $0) + "fit.steps < 200" + String(repeating: ")", count: $0) + ")"
        }),
        ("comparison", { "check " + String(repeating: "1 < -(", count: 1) + String(repeating: "1 * (", count: $0) + "1" + String(repeating: ")", count: $0 + 1) }),
    ]

    /// The deepest body of `shape` that parses.
    static func deepest(_ shape: (Int) -> String) -> String {
        var n = 1
        while parseError(shape(n + 1)) == nil { n += 1 }
        return shape(n)
    }

    @Test(arguments: shapes.map(\.name))
    func theDeepestExpressionFitsIn512KBOfStack(shape name: String) throws {
        let shape = try #require(Self.shapes.first { $0.name == name }).body
        let body = Self.deepest(shape)
        #expect(parseError(shape(200))?.message == "the expression nests more than \(ClaimExpression.maximumDepth) levels deep")

        // Parse, evaluate and print on a thread with the stack of a macOS task; an overflow crashes the test run.
        final class Outcome: @unchecked Sendable { var sentence: String?; var error: LocatedError? }
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            do {
                let evaluation = try InlineExpression.parse(body, at: start).expression.evaluate(in: results)
                outcome.sentence = evaluation.sentence
            } catch {
                outcome.error = error as? LocatedError
            }
            done.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        done.wait()
        #expect(outcome.error == nil)
        #expect(outcome.sentence?.isEmpty == false)
    }

    @Test func deeperThanTheCapIsAnErrorAtTheLevelThatGoesOver() throws {
        let depth = ClaimExpression.maximumDepth
        let error = try #require(parseError("check " + String(repeating: "(", count: 2000) + "1 < 2" + String(repeating: ")", count: 2000)))
        #expect(error.message == "the expression nests more than \(depth) levels deep")
        #expect(error.location.column == start.column + 6 + depth)
        #expect(parseError("check " + String(repeating: "-", count: 3000) + "1 < 2")?.message.contains("nests more than") == true)
        #expect(parseError("check " + String(repeating: "not ", count: 1000) + "1 < 2")?.message.contains("nests more than") == true)
    }

    @Test func longChainsAreWideNotDeep() throws {
        // A thousand terms is under the length cap and one level of the tree.
        let sum = (0..<1000).map { _ in "1" }.joined(separator: "+")
        #expect(try evaluate(sum + " == 1000").holds)
        let conjunction = (0..<500).map { _ in "1<2" }.joined(separator: " and ")
        #expect(try evaluate(conjunction).holds)
        let arguments = "max(" + (0..<1000).map(String.init).joined(separator: ",") + ")"
        #expect(try evaluate(arguments).value == .number(999))
    }

    @Test func lengthIsCapped() throws {
        let long = "check " + String(repeating: "1 + ", count: 1100) + "1 > 0"
        let error = try #require(parseError(long))
        #expect(error.message == "a claim may be \(ClaimExpression.maximumLength) bytes long, this one is \(long.utf8.count)")
        #expect(error.location == start)
    }
}
