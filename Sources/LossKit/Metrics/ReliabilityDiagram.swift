import RealModule

/// Equal-width confidence bins with their mean confidence and observed frequency,
/// and the expected calibration error (Guo et al. 2017).
///
/// Bin b covers (b/B, (b+1)/B]; bin 0 also takes confidence 0.
/// ECE = Σ_b (n_b / N)·|frequency_b − confidence_b|.
public struct ReliabilityDiagram: Sendable, Equatable {
    /// One equal-width bin.
    public struct Bin: Sendable, Equatable {
        /// Lower edge (exclusive except for the first bin).
        public let lower: Double
        /// Upper edge (inclusive).
        public let upper: Double
        /// Number of predictions in the bin.
        public let count: Int
        /// Mean confidence in the bin (NaN when empty).
        public let meanConfidence: Double
        /// Mean outcome in the bin: accuracy, or fraction of positives (NaN when empty).
        public let frequency: Double
    }

    /// The B bins in increasing confidence.
    public let bins: [Bin]

    /// Bins `confidences` in [0, 1] with their `outcomes` (1 = correct/positive, 0 = not).
    public init(confidences: [Double], outcomes: [Double], binCount: Int) {
        precondition(binCount > 0 && confidences.count == outcomes.count, "bad reliability diagram input")
        var count = Array(repeating: 0, count: binCount)
        var confidenceSum = Array(repeating: 0.0, count: binCount)
        var outcomeSum = Array(repeating: 0.0, count: binCount)
        for (c, o) in zip(confidences, outcomes) {
            let b = min(max(Int((c * Double(binCount)).rounded(.up)) - 1, 0), binCount - 1)
            count[b] += 1
            confidenceSum[b] += c
            outcomeSum[b] += o
        }
        var bins: [Bin] = []
        for b in 0..<binCount {
            let n = Double(count[b])
            bins.append(Bin(
                lower: Double(b) / Double(binCount), upper: Double(b + 1) / Double(binCount), count: count[b],
                meanConfidence: count[b] == 0 ? .nan : confidenceSum[b] / n,
                frequency: count[b] == 0 ? .nan : outcomeSum[b] / n))
        }
        self.bins = bins
    }

    /// Multi-class top-label calibration: confidence = max_c p, outcome = whether arg-max is right.
    public init(probabilities: Tensor<Double>, targets: [Int], binCount: Int) {
        let layout = ClassAxisLayout(shape: probabilities.shape)
        let predicted = argmaxOverClasses(probabilities)
        let confidences = predicted.enumerated().map { element, c in
            probabilities.scalars[layout.index(element: element, class: c)]
        }
        let outcomes = zip(predicted, targets).map { $0 == $1 ? 1.0 : 0.0 }
        self.init(confidences: confidences, outcomes: outcomes, binCount: binCount)
    }

    /// Binary calibration curve: confidence = predicted probability of the positive class, outcome = target.
    public init(positiveProbabilities: [Double], targets: [Double], binCount: Int) {
        self.init(confidences: positiveProbabilities, outcomes: targets, binCount: binCount)
    }

    /// Σ_b (n_b / N)·|frequency_b − confidence_b| over non-empty bins.
    public var expectedCalibrationError: Double {
        let total = bins.reduce(0) { $0 + $1.count }
        guard total > 0 else { return .nan }
        var error = 0.0
        for bin in bins where bin.count > 0 {
            error += Double(bin.count) / Double(total) * abs(bin.frequency - bin.meanConfidence)
        }
        return error
    }
}
