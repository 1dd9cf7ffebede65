/// `+`, `-`, `*` and `/` between numbers.
public enum ArithmeticOperator: String, Sendable, Hashable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
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
