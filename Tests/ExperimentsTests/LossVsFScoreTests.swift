import Foundation
import LossKit
import Testing
@testable import Experiments

/// Chapter 2's claims: confident mistakes make the loss unbounded, F1 sees only
/// counts, and in the experiment the loss rises far more than F1 moves, carried by
/// confident mistakes, while temperature scaling lowers the loss at unchanged F1.
@Suite struct LossVsFScoreTests {
    @Test func aConfidentMistakeCostsAtLeastItsLogit() {
        var previous = 0.0
        for z in stride(from: 1.0, through: 40, by: 3) {
            let loss = OverconfidenceExperiment.bce(logits: [z], targets: [0])
            #expect(loss >= z)
            #expect(loss > previous)
            previous = loss
        }
    }

    @Test func f1IsTheHarmonicMeanOfPrecisionAndRecallAndIgnoresConfidence() {
        let targets: [Double] = [1, 1, 1, 0, 0, 0, 1, 0]
        let hedged: [Double] = [0.6, 0.55, 0.4, 0.45, 0.51, 0.3, 0.7, 0.2]
        let sharp = hedged.map { $0 > 0.5 ? 0.999 : 0.001 }
        let a = BinaryClassificationScores(probabilities: hedged, targets: targets)
        let b = BinaryClassificationScores(probabilities: sharp, targets: targets)
        #expect(abs(a.f1 - 2 * a.precision * a.recall / (a.precision + a.recall)) < 1e-12)
        #expect(a.f1 == b.f1)
        #expect(OverconfidenceExperiment.bce(logits: sharp.map { log($0 / (1 - $0)) }, targets: targets)
                > OverconfidenceExperiment.bce(logits: hedged.map { log($0 / (1 - $0)) }, targets: targets))
    }

    /// One run of the experiment, off the cooperative pool, checked for all of the chapter's claims.
    @Test func theExperimentShowsTheChaptersClaims() async throws {
        let values = try await valuesOffPool(OverconfidenceExperiment())
        // Dev loss rises much more than F1 moves, while training loss keeps falling.
        #expect(values["best-loss-iteration"]! < values["last-iteration"]!)
        let lossRise = values["last-dev-loss"]! - values["best-loss-dev-loss"]!
        #expect(lossRise > 0.1)
        #expect(abs(values["last-f1"]! - values["best-loss-f1"]!) < lossRise / 3)
        #expect(values["last-train-loss"]! < values["best-loss-train-loss"]!)
        // The data are a real XOR: a straight line does about as well as chance.
        #expect(abs(values["linear-accuracy"]! - 0.5) < 0.1)
        #expect(values["last-mistakes-flipped"]! <= values["flipped-dev-labels"]!)
        #expect(values["last-auc"]! > 0.5)
        // Confident mistakes carry the loss.
        #expect(values["last-mistake-loss-share"]! > 0.5)
        #expect(values["last-confident-mistakes"]! > 0)
        // Temperature scaling lowers the loss and keeps F1.
        #expect(values["temperature"]! > 1)
        #expect(values["scaled-dev-loss"]! < values["last-dev-loss"]!)
        #expect(values["scaled-f1"]! == values["last-f1"]!)
    }
}

/// The helpers the experiment's new readings rest on.
@Suite struct LossVsFScoreHelperTests {
    @Test func aucCountsOrderedPairsAndHalfTies() {
        #expect(OverconfidenceExperiment.auc(scores: [0.9, 0.8, 0.1, 0.2], targets: [1, 1, 0, 0]) == 1)
        #expect(OverconfidenceExperiment.auc(scores: [0.1, 0.2, 0.9, 0.8], targets: [1, 1, 0, 0]) == 0)
        #expect(OverconfidenceExperiment.auc(scores: [0.5, 0.5], targets: [1, 0]) == 0.5)
    }

    @Test func theSplitKeepsEachLabelsShare() {
        let labels: [Double] = (0..<1000).map { $0 % 4 == 0 ? 1 : 0 }
        let (train, dev, calibration) = OverconfidenceExperiment.stratifiedSplit(labels: labels, train: 100, dev: 400)
        #expect(train.count == 100 && dev.count == 400 && calibration.count == 500)
        #expect(train.filter { labels[$0] == 1 }.count == 25)
        #expect(dev.filter { labels[$0] == 1 }.count == 100)
        #expect(Set(train + dev + calibration).count == 1000)
    }
}
