/// Mean, standard deviation (with n − 1), minimum and maximum of a value over an
/// experiment's seeds.
struct SeedSummary: Sendable, Equatable {
    var mean: Double
    var sd: Double
    var min: Double
    var max: Double

    /// The summary of `samples` (at least one; the sd of one sample is NaN).
    init(_ samples: [Double]) {
        let count = Double(samples.count)
        mean = samples.reduce(0, +) / count
        let mean = mean
        sd = (samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (count - 1)).squareRoot()
        min = samples.min() ?? .nan
        max = samples.max() ?? .nan
    }

    subscript(_ aggregate: Aggregate) -> Double {
        switch aggregate {
        case .mean: mean
        case .sd: sd
        case .min: min
        case .max: max
        }
    }
}

/// `exp.key.mean` and the others: a value summarised over seeds.
enum Aggregate: String, Sendable, CaseIterable {
    case mean, sd, min, max
}
