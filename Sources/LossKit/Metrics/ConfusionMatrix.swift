/// Counts of (actual, predicted) class pairs, and the metrics read off them.
///
/// Zero-denominator convention: precision, recall and F1 of a class with no
/// predictions or no examples are 0 (scikit-learn's `zero_division=0`);
/// IoU of a class absent from both is NaN, so callers can tell "absent" from "missed".
public struct ConfusionMatrix: Sendable, Equatable {
    /// Number of classes.
    public let classes: Int
    /// `counts[actual][predicted]`.
    public private(set) var counts: [[Int]]

    /// Tallies `predicted` against `actual`, both class indices in 0..<classes.
    public init(predicted: [Int], actual: [Int], classes: Int) {
        precondition(predicted.count == actual.count, "predicted and actual differ in length")
        self.classes = classes
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
        for (p, a) in zip(predicted, actual) {
            precondition(p >= 0 && p < classes && a >= 0 && a < classes, "class index out of range")
            counts[a][p] += 1
        }
    }

    /// Examples of class `c` predicted as `c`.
    public func truePositives(_ c: Int) -> Int { counts[c][c] }
    /// Examples of other classes predicted as `c`.
    public func falsePositives(_ c: Int) -> Int { (0..<classes).reduce(0) { $0 + counts[$1][c] } - counts[c][c] }
    /// Examples of class `c` predicted as something else.
    public func falseNegatives(_ c: Int) -> Int { counts[c].reduce(0, +) - counts[c][c] }

    /// Total number of examples.
    public var total: Int { counts.joined().reduce(0, +) }

    /// Fraction on the diagonal.
    public var accuracy: Double {
        Double((0..<classes).reduce(0) { $0 + counts[$1][$1] }) / Double(total)
    }

    /// TP / (TP + FP) for class `c`.
    public func precision(_ c: Int) -> Double {
        ratio(truePositives(c), truePositives(c) + falsePositives(c))
    }

    /// TP / (TP + FN) for class `c`.
    public func recall(_ c: Int) -> Double {
        ratio(truePositives(c), truePositives(c) + falseNegatives(c))
    }

    /// 2TP / (2TP + FP + FN), the harmonic mean of precision and recall, for class `c`.
    public func f1(_ c: Int) -> Double {
        ratio(2 * truePositives(c), 2 * truePositives(c) + falsePositives(c) + falseNegatives(c))
    }

    /// TP / (TP + FP + FN) for class `c` (Jaccard index); NaN when the class is absent from both.
    public func intersectionOverUnion(_ c: Int) -> Double {
        let union = truePositives(c) + falsePositives(c) + falseNegatives(c)
        return union == 0 ? .nan : Double(truePositives(c)) / Double(union)
    }

    /// Unweighted mean of per-class precision.
    public var macroPrecision: Double { macro(precision) }
    /// Unweighted mean of per-class recall.
    public var macroRecall: Double { macro(recall) }
    /// Unweighted mean of per-class F1 (scikit-learn's `average='macro'`).
    public var macroF1: Double { macro(f1) }

    func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator == 0 ? 0 : Double(numerator) / Double(denominator)
    }

    func macro(_ metric: (Int) -> Double) -> Double {
        (0..<classes).map(metric).reduce(0, +) / Double(classes)
    }
}
