/// Precision, recall and F1 of the positive class after thresholding probabilities.
///
/// F-measure sees only thresholded labels, which is why it can improve while
/// the cross-entropy of the same predictions gets worse.
public struct BinaryClassificationScores: Sendable, Equatable {
    /// Positives predicted positive.
    public let truePositives: Int
    /// Negatives predicted positive.
    public let falsePositives: Int
    /// Positives predicted negative.
    public let falseNegatives: Int
    /// Negatives predicted negative.
    public let trueNegatives: Int

    /// Labels `probability > threshold` as positive and compares with `targets > 0.5`.
    public init(probabilities: [Double], targets: [Double], threshold: Double = 0.5) {
        precondition(probabilities.count == targets.count, "lengths differ")
        var tp = 0, fp = 0, fn = 0, tn = 0
        for (p, t) in zip(probabilities, targets) {
            switch (p > threshold, t > 0.5) {
            case (true, true): tp += 1
            case (true, false): fp += 1
            case (false, true): fn += 1
            case (false, false): tn += 1
            }
        }
        truePositives = tp
        falsePositives = fp
        falseNegatives = fn
        trueNegatives = tn
    }

    /// TP / (TP + FP), 0 when nothing is predicted positive.
    public var precision: Double {
        truePositives + falsePositives == 0 ? 0 : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// TP / (TP + FN), 0 when there are no positives.
    public var recall: Double {
        truePositives + falseNegatives == 0 ? 0 : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    /// 2TP / (2TP + FP + FN), 0 when there are no positives and none predicted.
    public var f1: Double {
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        return denominator == 0 ? 0 : Double(2 * truePositives) / Double(denominator)
    }
}
