import Foundation

struct Sample {
    // region: mean
    /// The mean of some numbers.
    func mean(_ values: [Double]) -> Double {
        values.reduce(0, +) / Double(values.count) // "sum" over count
    }
    // endregion
}
