/// `all(…)` and `any(…)`: a condition evaluated once per seed of the experiments named inside.
public enum Quantifier: String, Sendable, Hashable, CaseIterable {
    /// True when the condition holds at every seed.
    case all
    /// True when the condition holds at one seed or more.
    case any
}
