import RealModule

/// Multi-label data with per-label base rates: strongly imbalanced labels for chapter 4.
///
/// Labels are drawn first, y_l ~ Bernoulli(π_l) independently; features are
/// x = Σ_l y_l·μ_l + N(0, noise²) with each label's signature μ_l ~ N(0, 1)^d.
public struct MultiLabelData: Sendable, Equatable {
    /// `[N, dimensions]` features.
    public let features: Tensor<Double>
    /// `[N, labels]` 0/1 targets.
    public let targets: Tensor<Double>
    /// `[labels][dimensions]` feature signatures.
    public let signatures: [[Double]]

    /// `count` examples with `baseRates.count` labels in `dimensions` features.
    public init(count: Int, dimensions: Int, baseRates: [Double], noise: Double, generator: inout SeededGenerator) {
        let labelCount = baseRates.count
        var signatures: [[Double]] = []
        for _ in 0..<labelCount {
            signatures.append((0..<dimensions).map { _ in generator.normal() })
        }
        var x = [Double](repeating: 0, count: count * dimensions)
        var y = [Double](repeating: 0, count: count * labelCount)
        for n in 0..<count {
            for l in 0..<labelCount where generator.bernoulli(baseRates[l]) {
                y[n * labelCount + l] = 1
                for d in 0..<dimensions { x[n * dimensions + d] += signatures[l][d] }
            }
            for d in 0..<dimensions { x[n * dimensions + d] += generator.normal(standardDeviation: noise) }
        }
        self.signatures = signatures
        features = Tensor(shape: [count, dimensions], scalars: x)
        targets = Tensor(shape: [count, labelCount], scalars: y)
    }

    /// Observed fraction of positives per label.
    public var positiveRates: [Double] {
        let (n, l) = (targets.shape[0], targets.shape[1])
        return (0..<l).map { j in (0..<n).reduce(0) { $0 + targets.scalars[$1 * l + j] } / Double(n) }
    }
}
