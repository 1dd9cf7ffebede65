import Testing
@testable import TeXMath
import SourceErrors

/// Lowering and evaluation, including every ambiguity listed in MATH.md.
@Suite struct EvaluationTests {
    /// Evaluates `tex` with the given scalars, vectors and defined functions (`name: (parameters, body)`).
    func evaluate(
        _ tex: String, _ scalars: [String: Double] = [:], vectors: [String: [Double]] = [:],
        functions: [String: ([String], String)] = [:]
    ) throws -> Double {
        var lowered: [String: DefinedFunction] = [:]
        let arities = functions.mapValues(\.0.count)
        for (name, (parameters, body)) in functions {
            let nodes = try nodesOf(body)
            let lowering = Lowering(functions: arities, scalars: Set(scalars.keys).union(parameters), vectors: Set(vectors.keys))
            lowered[name] = DefinedFunction(parameters: parameters, body: try lowering.expression(nodes, at: 0..<1))
        }
        let lowering = Lowering(functions: arities, scalars: Set(scalars.keys), vectors: Set(vectors.keys))
        let expression = try lowering.expression(try nodesOf(tex), at: 0..<1)
        var state = EvaluationState()
        return try Evaluator(functions: lowered).value(expression, at: SamplePoint(scalars: scalars, vectors: vectors), state: &state)
    }

    func nodesOf(_ tex: String) throws -> [MathNode] {
        var parser = try Parser(LocatedText(tex, start: .chapter()), style: .display)
        return try parser.parseFormula()
    }

    func loweringError(_ tex: String, _ scalars: [String: Double] = [:], vectors: [String: [Double]] = [:]) -> String? {
        do {
            _ = try evaluate(tex, scalars, vectors: vectors)
            return nil
        } catch let error as LocalError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    // MARK: MATH.md's ambiguity list

    @Test func nameBeforeParenthesesMultipliesUnlessDefined() throws {
        #expect(try evaluate("x(y+1)", ["x": 2, "y": 3]) == 8)
        #expect(try evaluate("f(y+1)", ["y": 3], functions: ["f": (["t"], "t^2")]) == 16)
    }

    @Test func sigmaIsACallOnlyWhenDefined() throws {
        let sigmoid = ["σ": (["t"], "\\frac{1}{1 + e^{-t}}")]
        #expect(abs(try evaluate("\\sigma(z)", ["z": 0.5], functions: sigmoid) - 1 / (1 + (-0.5).exp)) < 1e-15)
        #expect(try evaluate("\\sigma(z)", ["σ": 3, "z": 0.5]) == 1.5)
    }

    @Test func subscriptedNameIsOneVariable() throws {
        #expect(try evaluate("w_{ij}", ["w_ij": 3]) == 3)
        #expect(try evaluate("2 w_{ij} x", ["w_ij": 3, "x": 5]) == 30)
        #expect(try evaluate("\\theta_1 + \\mathbf{x}", ["θ_1": 1, "𝐱": 2]) == 3)
    }

    @Test func unparenthesisedFunctionArgumentIsOneFactor() throws {
        #expect(try evaluate("\\log a b", ["a": 4, "b": 3]) == 4.0.log * 3)
        #expect(try evaluate("\\log x^2", ["x": 3]) == 9.0.log)
        #expect(try evaluate("\\exp x y", ["x": 1, "y": 2]) == 1.0.exp * 2)
        let sigmoid = ["σ": (["t"], "\\frac{1}{1 + e^{-t}}")]
        #expect(try evaluate("\\log\\sigma(z) + 1", ["z": 0], functions: sigmoid) == 0.5.log + 1)
    }

    @Test func sumBodyEndsAtPlus() throws {
        let x = [1.0, 2, 3]
        #expect(try evaluate("\\sum_{i=1}^{N} x_i + 1", ["N": 3], vectors: ["x": x]) == 7)
        #expect(try evaluate("\\sum_{i=1}^{N} x_i x_i", ["N": 3], vectors: ["x": x]) == 14)
        #expect(try evaluate("\\sum_{i=1}^{N} (x_i + 1)", ["N": 3], vectors: ["x": x]) == 9)
        #expect(try evaluate("\\prod_{k=1}^{4} k") == 24)
    }

    // MARK: Arithmetic

    @Test func precedenceAndSigns() throws {
        #expect(try evaluate("-x^2", ["x": 3]) == -9)
        #expect(try evaluate("2 \\cdot 3 \\times 4 - 1") == 23)
        #expect(try evaluate("a / b c", ["a": 6, "b": 3, "c": 5]) == 10)
        #expect(try evaluate("(1-y)^{2}", ["y": 3]) == 4)
        #expect(try evaluate("\\left(1 - y\\right)^{3}", ["y": 3]) == -8)
        #expect(try evaluate("2^{3^2}") == 512)
        #expect(try evaluate("\\frac{1}{2} - -1") == 1.5)
    }

    @Test func builtinsAndConstants() throws {
        #expect(try evaluate("e^{z}", ["z": 1.5]) == 1.5.exp)
        #expect(try evaluate("e", ["e": 2]) == 2)
        #expect(try evaluate("\\sqrt{16} + \\sqrt[3]{8}") == 6)
        #expect(try evaluate("\\max(a, b, 1) + \\min(a, b)", ["a": -2, "b": 3]) == 1)
        #expect(try evaluate("|x - 3| + \\left| x \\right|", ["x": -1]) == 5)
        #expect(try evaluate("\\ln x", ["x": 2]) == 2.0.log)
        #expect(try evaluate("\\tanh(0) + \\pi") == Double.pi)
    }

    @Test func derivativesByCentralDifferences() throws {
        let cube = try evaluate("\\frac{d}{dz}\\left(z^3\\right)", ["z": 1.7])
        #expect(abs(cube - 3 * 1.7 * 1.7) < 1e-10)
        let partial = try evaluate("\\frac{\\partial}{\\partial w}(w^2 y)", ["w": -2.5, "y": 3])
        #expect(abs(partial - 2 * -2.5 * 3) < 1e-10)
        let large = try evaluate("\\frac{\\mathrm{d}}{\\mathrm{d}z} \\log(1 + e^{z})", ["z": 40])
        #expect(abs(large - 1) < 1e-10)
    }

    @Test func thingsThatCannotBeEvaluated() {
        #expect(loweringError("q + 1") == "undefined variable 'q'; declare it in given: or define:")
        #expect(loweringError("x_i", ["x": 1])?.contains("undefined variable 'x_i'") == true)
        #expect(loweringError("x", vectors: ["x": [1]])?.contains("is a vector") == true)
        #expect(loweringError("\\int_0^1 x", ["x": 1]) == "integrals cannot be evaluated")
        #expect(loweringError("\\log(a, b)", ["a": 1, "b": 2])?.contains("does not take 2 arguments") == true)
        #expect(loweringError("f'(x)", ["f": 1, "x": 1])?.contains("prime") == true)
        #expect(loweringError("\\operatorname{foo}(x)", ["x": 1])?.contains("not a built-in") == true)
        #expect(loweringError("\\sum x", ["x": 1])?.contains("bounds") == true)
        #expect(loweringError("\\frac{d}{dq}(x)", ["x": 1])?.contains("given scalar") == true)
        #expect(loweringError("\\sum_{i=1}^{3} x_i", ["N": 3], vectors: ["x": [1, 2]])?.contains("outside 1…2") == true)
        // One term, but bounds no Int can hold: an error, not a trap.
        #expect(loweringError("\\sum_{i=10^{300}}^{10^{300}} i")?.contains("below 2^53") == true)
    }
}

extension Double {
    var log: Double { Foundation.log(self) }
    var exp: Double { Foundation.exp(self) }
}

import Foundation
