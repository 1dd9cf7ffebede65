import LossKit
import Testing

@Suite struct MetricTests {
    @Test func allZerosOnTwentySixOneHotOutputsScoresTwentyFiveOverTwentySix() {
        let n = 10, classes = 26
        var targets = [Double](repeating: 0, count: n * classes)
        for i in 0..<n { targets[i * classes + (i * 7) % classes] = 1 }
        let zeros = Tensor<Double>(repeating: 0, shape: [n, classes])
        let accuracy = binaryAccuracy(probabilities: zeros, targets: Tensor(shape: [n, classes], scalars: targets))
        #expect(accuracy == 25.0 / 26.0)
        // Categorical accuracy of the same constant scores: arg-max is class 0 everywhere.
        let labels = (0..<n).map { ($0 * 7) % classes }
        #expect(categoricalAccuracy(scores: zeros, targets: labels) == Double(labels.filter { $0 == 0 }.count) / Double(n))
    }

    @Test func binaryAccuracyThresholdIsStrict() {
        let p = Tensor<Double>(shape: [4], scalars: [0.5, 0.51, 0.2, 0.9])
        let t = Tensor<Double>(shape: [4], scalars: [0, 1, 1, 1])
        #expect(binaryAccuracy(probabilities: p, targets: t) == 0.75)
    }

    @Test func categoricalAccuracyReadsTheClassAxisOfImages() {
        // [1, 2, 1, 2] scores: class 1 wins at pixel 0, class 0 at pixel 1.
        let scores = Tensor<Double>(shape: [1, 2, 1, 2], scalars: [0.1, 0.8, 0.9, 0.2])
        #expect(argmaxOverClasses(scores) == [1, 0])
        #expect(categoricalAccuracy(scores: scores, targets: [1, 1]) == 0.5)
    }

    @Test func confusionMatrixMetrics() {
        // actual:    0 0 0 1 1 2 2 2 2
        // predicted: 0 0 1 1 2 2 2 0 2
        let m = ConfusionMatrix(predicted: [0, 0, 1, 1, 2, 2, 2, 0, 2], actual: [0, 0, 0, 1, 1, 2, 2, 2, 2], classes: 3)
        #expect(m.counts == [[2, 1, 0], [0, 1, 1], [1, 0, 3]])
        #expect(m.truePositives(2) == 3 && m.falsePositives(2) == 1 && m.falseNegatives(2) == 1)
        #expect(m.precision(0) == 2.0 / 3 && m.recall(0) == 2.0 / 3)
        #expect(m.precision(1) == 0.5 && m.recall(1) == 0.5)
        #expect(m.f1(2) == 6.0 / 8)
        #expect(m.intersectionOverUnion(1) == 1.0 / 3)
        #expect(abs(m.macroF1 - (2.0 / 3 + 0.5 + 0.75) / 3) < 1e-15)
        #expect(m.accuracy == 6.0 / 9)
        let absent = ConfusionMatrix(predicted: [0, 0], actual: [0, 0], classes: 2)
        #expect(absent.intersectionOverUnion(1).isNaN && absent.precision(1) == 0)
    }

    @Test func binaryScores() {
        let s = BinaryClassificationScores(probabilities: [0.9, 0.6, 0.4, 0.2, 0.7], targets: [1, 0, 1, 0, 1])
        #expect((s.truePositives, s.falsePositives, s.falseNegatives, s.trueNegatives) == (2, 1, 1, 1))
        #expect(s.precision == 2.0 / 3 && s.recall == 2.0 / 3 && s.f1 == 2.0 / 3)
    }

    @Test func meanAbsoluteErrorAveragesMagnitudes() {
        let p = Tensor<Float>(shape: [2, 2], scalars: [1, 2, 3, 4])
        let t = Tensor<Float>(shape: [2, 2], scalars: [2, 2, 1, 5])
        #expect(meanAbsoluteError(predictions: p, targets: t) == 1)
    }

    @Test func reliabilityBinsAndExpectedCalibrationError() {
        // Two bins: [0, 0.5] holds 0.2, 0.4 and 0.5 (upper edges are inclusive); (0.5, 1] holds 0.9 and 1.
        let diagram = ReliabilityDiagram(positiveProbabilities: [0.2, 0.4, 0.5, 0.9, 1.0], targets: [0, 1, 0, 1, 1], binCount: 2)
        #expect(diagram.bins.map(\.count) == [3, 2])
        #expect(abs(diagram.bins[0].meanConfidence - 1.1 / 3) < 1e-15)
        #expect(diagram.bins[0].frequency == 1.0 / 3)
        #expect(diagram.bins[1].frequency == 1)
        let expected = 3.0 / 5 * abs(1.0 / 3 - 1.1 / 3) + 2.0 / 5 * abs(1 - 0.95)
        #expect(abs(diagram.expectedCalibrationError - expected) < 1e-15)
        // A perfectly calibrated constant predictor has zero ECE.
        let calibrated = ReliabilityDiagram(positiveProbabilities: [0.25, 0.25, 0.25, 0.25], targets: [1, 0, 0, 0], binCount: 10)
        #expect(calibrated.expectedCalibrationError == 0)
        #expect(calibrated.bins[2].count == 4 && calibrated.bins[0].meanConfidence.isNaN)
    }

    @Test func topLabelReliabilityUsesTheArgMaxProbability() {
        let p = Tensor<Double>(shape: [2, 3], scalars: [0.7, 0.2, 0.1, 0.1, 0.25, 0.65])
        let diagram = ReliabilityDiagram(probabilities: p, targets: [0, 1], binCount: 5)
        #expect(diagram.bins[3].count == 2)  // 0.7 and 0.65 both fall in (0.6, 0.8]
        #expect(diagram.bins[3].frequency == 0.5)
        #expect(abs(diagram.bins[3].meanConfidence - 0.675) < 1e-15)
    }
}
