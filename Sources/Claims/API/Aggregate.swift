/// A statistic over an output's seeds: `exp.key.mean`, `.sd`, `.min`, `.max`.
///
/// An aggregate is one number whether or not it stands inside `all(…)` or `any(…)`.
public enum Aggregate: String, Sendable, Hashable, CaseIterable {
    /// The arithmetic mean.
    case mean
    /// The sample standard deviation, dividing by n − 1; needs two seeds.
    case sd
    /// The smallest value.
    case min
    /// The largest value.
    case max

    /// The aggregate of `values`, or nil when there are too few (none, or one for `sd`).
    ///
    /// The mean and the squared deviations are summed in order, in `Double`;
    /// with a handful of seeds that is exact to a few ulps.
    public func of(_ values: [Double]) -> Double? {
        guard let first = values.first else { return nil }
        switch self {
        case .mean:
            return values.reduce(0, +) / Double(values.count)
        case .sd:
            guard values.count >= 2 else { return nil }
            let mean = values.reduce(0, +) / Double(values.count)
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            return (squares / Double(values.count - 1)).squareRoot()
        case .min:
            return values.dropFirst().reduce(first) { Swift.min($0, $1) }
        case .max:
            return values.dropFirst().reduce(first) { Swift.max($0, $1) }
        }
    }
}
