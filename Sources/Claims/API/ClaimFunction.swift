/// The functions a claim may call: `abs`, `min`, `max`, `log` (natural) and `exp`.
public enum ClaimFunction: String, Sendable, Hashable, CaseIterable {
    case abs, min, max, log, exp

    /// How many arguments it takes: one, or at least two for `min` and `max`.
    public var arity: ClosedRange<Int> {
        switch self {
        case .abs, .log, .exp: 1...1
        case .min, .max: 2...Int.max
        }
    }
}
