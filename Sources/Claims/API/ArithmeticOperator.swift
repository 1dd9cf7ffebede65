/// `+`, `-`, `*` and `/` between numbers.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    /// `a + b`.
    case add = "+"
    /// `a - b` (with a space or bracket on one side of the `-`).
    case subtract = "-"
    /// `a * b`.
    case multiply = "*"
    /// `a / b`; dividing by zero is an error.
    case divide = "/"

    /// Whether it binds like `*` and `/` rather than like `+` and `-`.
    public var isMultiplicative: Bool { self == .multiply || self == .divide }

    func apply(_ a: Double, _ b: Double) -> Double {
        switch self {
        case .add: a + b
        case .subtract: a - b
        case .multiply: a * b
        case .divide: a / b
        }
    }
}
