/// The functions a claim may call: `abs`, `min`, `max`, `log` (natural) and `exp`.
public enum ClaimFunction: String, Sendable, Hashable, CaseIterable {
    /// `abs(x)`: the magnitude.
    case abs
    /// `min(a, b, …)`: the smallest.
    case min
    /// `max(a, b, …)`: the largest.
    case max
    /// `log(x)`: the natural logarithm; x must be positive.
    case log
    /// `exp(x)`: e to the x.
    case exp

    /// How many arguments it takes: one, or at least two for `min` and `max`.
    public var arity: ClosedRange<Int> {
        switch self {
        case .abs, .log, .exp: 1...1
        case .min, .max: 2...Int.max
        }
    }
}
