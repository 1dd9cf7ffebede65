/// An arithmetic expression lowered from the presentation AST, evaluated to check derivations.
///
/// Ranges point back into the TeX so evaluation errors can be located.
indirect enum Expression: Sendable, Equatable {
    case constant(Double)
    case variable(String, Range<Int>)
    /// `x_i` where `x` is a given vector; the index is 1-based.
    case element(String, index: Expression, Range<Int>)
    case negate(Expression)
    case add(Expression, Expression)
    case subtract(Expression, Expression)
    case multiply(Expression, Expression)
    case divide(Expression, Expression)
    case power(Expression, Expression)
    case call(String, [Expression], Range<Int>)
    /// `\sum_{i=a}^{b}` (or `\prod`) over integer `i`.
    case sum(index: String, from: Expression, to: Expression, body: Expression, Range<Int>)
    case product(index: String, from: Expression, to: Expression, body: Expression, Range<Int>)
    /// `\frac{d}{dz}(…)`: evaluated by central differences in the variable.
    case derivative(String, Expression, Range<Int>)
    case absolute(Expression)

    /// Whether the expression contains a derivative (its value carries finite-difference error).
    var containsDerivative: Bool {
        switch self {
        case .constant, .variable: false
        case .derivative: true
        case .element(_, let index, _): index.containsDerivative
        case .negate(let a), .absolute(let a): a.containsDerivative
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b),
            .power(let a, let b):
            a.containsDerivative || b.containsDerivative
        case .call(_, let arguments, _): arguments.contains { $0.containsDerivative }
        case .sum(_, let from, let to, let body, _), .product(_, let from, let to, let body, _):
            from.containsDerivative || to.containsDerivative || body.containsDerivative
        }
    }
}

/// A function from a `define:` line, e.g. `\sigma(t) = \frac{1}{1 + e^{-t}}`.
struct DefinedFunction: Sendable, Equatable {
    var parameters: [String]
    var body: Expression
}
