import RealModule

/// y = x·w + b + ε with ε ~ N(0, σ²) and x uniform in [−1, 1]^d: the likelihood chapter's regression.
public struct LinearRegressionData: Sendable, Equatable {
    /// `[N, d]` inputs.
    public let features: Tensor<Double>
    /// `[N, 1]` noisy targets.
    public let targets: Tensor<Double>
    /// The true weights.
    public let weights: [Double]
    /// The true intercept.
    public let bias: Double
    /// σ of the noise; the true precision is β = 1/σ².
    public let noiseStandardDeviation: Double

    /// `count` examples with `weights.count` features.
    public init(count: Int, weights: [Double], bias: Double, noiseStandardDeviation: Double,
                generator: inout SeededGenerator) {
        let d = weights.count
        var x = [Double](repeating: 0, count: count * d)
        var y = [Double](repeating: 0, count: count)
        for n in 0..<count {
            var mean = bias
            for j in 0..<d {
                x[n * d + j] = generator.uniform(-1, 1)
                mean += x[n * d + j] * weights[j]
            }
            y[n] = mean + generator.normal(standardDeviation: noiseStandardDeviation)
        }
        self.weights = weights
        self.bias = bias
        self.noiseStandardDeviation = noiseStandardDeviation
        features = Tensor(shape: [count, d], scalars: x)
        targets = Tensor(shape: [count, 1], scalars: y)
    }
}
