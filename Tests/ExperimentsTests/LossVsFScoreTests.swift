import Foundation
import LossKit
import Testing
@testable import Experiments

/// Chapter 2's claims: confident mistakes make the loss unbounded, F1 sees only
/// counts, and in the experiment the loss rises far more than F1 moves, carried by
/// confident mistakes, while temperature scaling lowers the loss at unchanged F1.
@Suite struct LossVsFScoreTests {
    static let result = try! OverconfidenceExperiment().run()
    var values: [String: Double] { Self.result.values }

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

    @Test func devLossRisesMuchMoreThanF1Moves() {
        #expect(values["best-loss-iteration"]! < values["last-iteration"]!)
        let lossRise = values["last-dev-loss"]! - values["best-loss-dev-loss"]!
        #expect(lossRise > 0.1)
        #expect(abs(values["last-f1"]! - values["best-loss-f1"]!) < lossRise / 5)
        #expect(values["last-train-loss"]! < values["best-loss-train-loss"]!)
    }

    @Test func confidentMistakesCarryTheLoss() {
        #expect(values["last-mistake-loss-share"]! > 0.5)
        #expect(values["last-confident-mistakes"]! > 0)
    }

    @Test func temperatureScalingLowersTheLossAndKeepsF1() {
        #expect(values["temperature"]! > 1)
        #expect(values["scaled-dev-loss"]! < values["last-dev-loss"]!)
        #expect(values["scaled-f1"]! == values["last-f1"]!)
    }
}
