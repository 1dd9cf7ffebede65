import Foundation

/// Values of the given variables at one sample point.
struct SamplePoint: Sendable {
    var scalars: [String: Double]
    var vectors: [String: [Double]]
}

/// Evaluates lowered expressions in `Double`.
///
/// Derivatives use central differences with one Richardson step: step h = 2^-10·max(1, |x|)
/// (a power of two, so x ± h is exact) gives truncation error O(h⁴) ≈ 1e-12 and rounding error
/// ≈ ε·|f|/h ≈ 2e-13·|f|. That rounding estimate is accumulated in `noise` so the comparison can
/// allow for it instead of loosening every check.
struct Evaluator: Sendable {
    /// Evaluation steps allowed per expression and point, so nested sums or derivatives cannot hang the build.
    static let workBudget = 500_000

    var functions: [String: DefinedFunction]

    /// The most terms a sum or product may have, so a huge bound cannot hang the build.
    static let maximumTerms = 1_000_000

    func value(_ expression: Expression, at point: SamplePoint, state: inout EvaluationState) throws(LocalError) -> Double {
        var environment = point
        return try value(expression, in: &environment, state: &state)
    }

    /// Sums, derivatives and calls bind names by changing `point` in place and
    /// restoring it before they return (or throw), instead of copying the
    /// point's dictionaries for every term and every shifted evaluation.
    private func value(_ expression: Expression, in point: inout SamplePoint, state: inout EvaluationState) throws(LocalError) -> Double {
        switch expression {
        case .constant(let value):
            return value
        case .variable(let name, let range):
            guard let value = point.scalars[name] else { throw LocalError("'\(name)' has no value here", at: range) }
            return value
        case .element(let name, let index, let range):
            let position = try value(index, in: &point, state: &state)
            guard let vector = point.vectors[name] else { throw LocalError("'\(name)' is not a vector", at: range) }
            guard position == position.rounded(), position >= 1, position <= Double(vector.count) else {
                throw LocalError("index \(position) is outside 1…\(vector.count) of '\(name)'", at: range)
            }
            return vector[Int(position) - 1]
        case .negate(let a):
            return -(try value(a, in: &point, state: &state))
        case .absolute(let a):
            return abs(try value(a, in: &point, state: &state))
        case .add(let a, let b):
            return try value(a, in: &point, state: &state) + value(b, in: &point, state: &state)
        case .subtract(let a, let b):
            return try value(a, in: &point, state: &state) - value(b, in: &point, state: &state)
        case .multiply(let a, let b):
            return try value(a, in: &point, state: &state) * value(b, in: &point, state: &state)
        case .divide(let a, let b):
            return try value(a, in: &point, state: &state) / value(b, in: &point, state: &state)
        case .power(let a, let b):
            return pow(try value(a, in: &point, state: &state), try value(b, in: &point, state: &state))
        case .call(let name, let arguments, let range):
            try state.spend(at: range)
            var values: [Double] = []
            for argument in arguments { values.append(try value(argument, in: &point, state: &state)) }
            return try call(name, values, in: &point, range: range, state: &state)
        case .sum(let index, let from, let to, let body, let range):
            return try iterate(index, from, to, body, in: &point, range: range, state: &state, start: 0, combine: +)
        case .product(let index, let from, let to, let body, let range):
            return try iterate(index, from, to, body, in: &point, range: range, state: &state, start: 1, combine: *)
        case .derivative(let name, let body, let range):
            return try derivative(of: body, by: name, in: &point, range: range, state: &state)
        }
    }

    private func call(
        _ name: String, _ values: [Double], in point: inout SamplePoint, range: Range<Int>, state: inout EvaluationState
    ) throws(LocalError) -> Double {
        switch name {
        case "log": return log(values[0])
        case "exp": return exp(values[0])
        case "sqrt": return values[0].squareRoot()
        case "sin": return sin(values[0])
        case "cos": return cos(values[0])
        case "tan": return tan(values[0])
        case "sinh": return sinh(values[0])
        case "cosh": return cosh(values[0])
        case "tanh": return tanh(values[0])
        case "max": return values.max()!
        case "min": return values.min()!
        default:
            guard let function = functions[name] else { throw LocalError("unknown function '\(name)'", at: range) }
            // A defined function sees only its parameters and the sizes/vectors of the block.
            let saved = function.parameters.map { point.scalars[$0] }
            for (parameter, argument) in zip(function.parameters, values) { point.scalars[parameter] = argument }
            defer { for (parameter, old) in zip(function.parameters, saved).reversed() { point.scalars[parameter] = old } }
            return try value(function.body, in: &point, state: &state)
        }
    }

    private func iterate(
        _ index: String, _ from: Expression, _ to: Expression, _ body: Expression, in point: inout SamplePoint,
        range: Range<Int>, state: inout EvaluationState, start: Double, combine: (Double, Double) -> Double
    ) throws(LocalError) -> Double {
        let lower = try value(from, in: &point, state: &state)
        let upper = try value(to, in: &point, state: &state)
        guard lower == lower.rounded(), upper == upper.rounded() else {
            throw LocalError("the bounds of a sum must be integers, not \(lower) and \(upper)", at: range)
        }
        guard upper - lower < Double(Evaluator.maximumTerms) else {
            throw LocalError("a sum with more than \(Evaluator.maximumTerms) terms is not checked", at: range)
        }
        var result = start
        if upper < lower { return result }
        let saved = point.scalars[index]
        defer { point.scalars[index] = saved }
        for i in Int(lower)...Int(upper) {
            try state.spend(at: range)
            point.scalars[index] = Double(i)
            result = combine(result, try value(body, in: &point, state: &state))
        }
        return result
    }

    private func derivative(
        of body: Expression, by name: String, in point: inout SamplePoint, range: Range<Int>, state: inout EvaluationState
    ) throws(LocalError) -> Double {
        guard let x = point.scalars[name] else {
            throw LocalError("cannot differentiate by '\(name)' here", at: range)
        }
        let scale = max(1, abs(x))
        let h = Double(sign: .plus, exponent: scale.exponent - 10, significand: 1)
        try state.spend(at: range)
        // Inner derivatives' noise is amplified by this difference quotient, so collect it separately.
        let outerNoise = state.noise
        state.noise = 0
        func f(_ offset: Double, _ state: inout EvaluationState) throws(LocalError) -> Double {
            point.scalars[name] = x + offset
            defer { point.scalars[name] = x }
            return try value(body, in: &point, state: &state)
        }
        let (far1, far2) = (try f(h, &state), try f(-h, &state))
        let (near1, near2) = (try f(h / 2, &state), try f(-h / 2, &state))
        let inner = state.noise
        state.noise = outerNoise
        let wide = (far1 - far2) / (2 * h)
        let narrow = (near1 - near2) / h
        let magnitude = max(abs(far1), abs(far2), abs(near1), abs(near2))
        // Rounding in the four values, amplified by 1/h and the Richardson weights, plus noise from inner derivatives.
        state.noise += 8 * Double.ulpOfOne * magnitude / h + 4 * inner / h
        return (4 * narrow - wide) / 3
    }
}

/// What one evaluation accumulates: finite-difference noise and the work spent so far.
struct EvaluationState: Sendable {
    /// Estimated absolute rounding error from derivatives, added to the comparison tolerance.
    var noise = 0.0
    var remainingWork = Evaluator.workBudget

    mutating func spend(at range: Range<Int>) throws(LocalError) {
        remainingWork -= 1
        if remainingWork < 0 {
            throw LocalError("too much work to evaluate (over \(Evaluator.workBudget) steps at one point)", at: range)
        }
    }
}
