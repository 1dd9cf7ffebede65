import RealModule

/// K classes of isotropic Gaussian points around random centres, optionally with flipped labels.
///
/// Chapters 2 and 3 use it: two noisy classes for "loss rises while F1
/// improves", 26 classes for binary versus categorical cross-entropy.
public struct GaussianBlobs: Sendable, Equatable {
    /// `[N, dimensions]` points, classes interleaved in random order.
    public let features: Tensor<Double>
    /// Class index per point (after label noise).
    public let labels: [Int]
    /// `[classes][dimensions]` centres the points were drawn around.
    public let centres: [[Double]]

    /// `perClass` points for each of `classes` centres drawn uniformly in
    /// [−centreScale, centreScale]^dimensions, each point centre + N(0, spread²)
    /// per coordinate. With probability `labelNoise` a label is replaced by a
    /// uniformly drawn class (which may be the same one).
    public init(classes: Int, perClass: Int, dimensions: Int, spread: Double = 1, centreScale: Double = 4,
                labelNoise: Double = 0, generator: inout SeededGenerator) {
        var centres: [[Double]] = []
        for _ in 0..<classes {
            centres.append((0..<dimensions).map { _ in generator.uniform(-centreScale, centreScale) })
        }
        let order = generator.permutation(classes * perClass)
        var points = [Double](repeating: 0, count: classes * perClass * dimensions)
        var labels = [Int](repeating: 0, count: classes * perClass)
        for (slot, example) in order.enumerated() {
            let c = example / perClass
            for d in 0..<dimensions {
                points[slot * dimensions + d] = generator.normal(mean: centres[c][d], standardDeviation: spread)
            }
            labels[slot] = generator.bernoulli(labelNoise) ? generator.integer(below: classes) : c
        }
        self.centres = centres
        self.labels = labels
        features = Tensor(shape: [classes * perClass, dimensions], scalars: points)
    }

    /// Labels as one-hot rows `[N, classes]`, for BCE on one-hot targets.
    public func oneHotLabels(classes: Int) -> Tensor<Double> {
        var out = [Double](repeating: 0, count: labels.count * classes)
        for (n, c) in labels.enumerated() { out[n * classes + c] = 1 }
        return Tensor(shape: [labels.count, classes], scalars: out)
    }
}
