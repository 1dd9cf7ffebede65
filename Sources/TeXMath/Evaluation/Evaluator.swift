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
    var functions: [String: DefinedFunction]

    /// The most terms a sum or product may have, so a huge bound cannot hang the build.
    static let maximumTerms = 1_000_000

    func value(_ expression: Expression, at point: SamplePoint, noise: inout Double) throws(LocalError) -> Double {
        switch expression {
        case .constant(let value):
            return value
        case .variable(let name, let range):
            guard let value = point.scalars[name] else { throw LocalError("'\(name)' has no value here", at: range) }
            return value
        case .element(let name, let index, let range):
            let position = try value(index, at: point, noise: &noise)
            guard let vector = point.vectors[name] else { throw LocalError("'\(name)' is not a vector", at: range) }
            guard position == position.rounded(), position >= 1, position <= Double(vector.count) else {
                throw LocalError("index \(position) is outside 1…\(vector.count) of '\(name)'", at: range)
            }
            return vector[Int(position) - 1]
        case .negate(let a):
            return -(try value(a, at: point, noise: &noise))
        case .absolute(let a):
            return abs(try value(a, at: point, noise: &noise))
        case .add(let a, let b):
            return try value(a, at: point, noise: &noise) + value(b, at: point, noise: &noise)
        case .subtract(let a, let b):
            return try value(a, at: point, noise: &noise) - value(b, at: point, noise: &noise)
        case .multiply(let a, let b):
            return try value(a, at: point, noise: &noise) * value(b, at: point, noise: &noise)
        case .divide(let a, let b):
            return try value(a, at: point, noise: &noise) / value(b, at: point, noise: &noise)
        case .power(let a, let b):
            return pow(try value(a, at: point, noise: &noise), try value(b, at: point, noise: &noise))
        case .call(let name, let arguments, let range):
            var values: [Double] = []
            for argument in arguments { values.append(try value(argument, at: point, noise: &noise)) }
            return try call(name, values, at: point, range: range, noise: &noise)
        case .sum(let index, let from, let to, let body, let range):
            return try iterate(index, from, to, body, at: point, range: range, noise: &noise, start: 0, combine: +)
        case .product(let index, let from, let to, let body, let range):
            return try iterate(index, from, to, body, at: point, range: range, noise: &noise, start: 1, combine: *)
        case .derivative(let name, let body, let range):
            return try derivative(of: body, by: name, at: point, range: range, noise: &noise)
        }
    }

    private func call(
        _ name: String, _ values: [Double], at point: SamplePoint, range: Range<Int>, noise: inout Double
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
            var local = point
            for (parameter, argument) in zip(function.parameters, values) { local.scalars[parameter] = argument }
            return try value(function.body, at: local, noise: &noise)
        }
    }

    private func iterate(
        _ index: String, _ from: Expression, _ to: Expression, _ body: Expression, at point: SamplePoint,
        range: Range<Int>, noise: inout Double, start: Double, combine: (Double, Double) -> Double
    ) throws(LocalError) -> Double {
        let lower = try value(from, at: point, noise: &noise)
        let upper = try value(to, at: point, noise: &noise)
        guard lower == lower.rounded(), upper == upper.rounded() else {
            throw LocalError("the bounds of a sum must be integers, not \(lower) and \(upper)", at: range)
        }
        guard upper - lower < Double(Evaluator.maximumTerms) else {
            throw LocalError("a sum with more than \(Evaluator.maximumTerms) terms is not checked", at: range)
        }
        var result = start
        if upper < lower { return result }
        var local = point
        for i in Int(lower)...Int(upper) {
            local.scalars[index] = Double(i)
            result = combine(result, try value(body, at: local, noise: &noise))
        }
        return result
    }

    private func derivative(
        of body: Expression, by name: String, at point: SamplePoint, range: Range<Int>, noise: inout Double
    ) throws(LocalError) -> Double {
        guard let x = point.scalars[name] else {
            throw LocalError("cannot differentiate by '\(name)' here", at: range)
        }
        let scale = max(1, abs(x))
        let h = Double(sign: .plus, exponent: scale.exponent - 10, significand: 1)
        func f(_ offset: Double, _ noise: inout Double) throws(LocalError) -> Double {
            var shifted = point
            shifted.scalars[name] = x + offset
            return try value(body, at: shifted, noise: &noise)
        }
        var inner = 0.0
        let (far1, far2, near1, near2) = (try f(h, &inner), try f(-h, &inner), try f(h / 2, &inner), try f(-h / 2, &inner))
        let wide = (far1 - far2) / (2 * h)
        let narrow = (near1 - near2) / h
        let magnitude = max(abs(far1), abs(far2), abs(near1), abs(near2))
        // Rounding in the four values, amplified by 1/h and the Richardson weights, plus noise from inner derivatives.
        noise += 8 * Double.ulpOfOne * magnitude / h + 4 * inner / h
        return (4 * narrow - wide) / 3
    }
}
