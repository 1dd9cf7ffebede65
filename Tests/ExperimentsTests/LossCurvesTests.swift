import Foundation
import LossKit
import Testing
@testable import Experiments

/// Chapter 4's claims: weighted BCE is minimised at p* = wπ / (wπ + 1 − π); an
/// over-parameterised model on few examples shows the U-turn; class weights
/// raise the loss level and the predicted probabilities and trade precision for recall.
@Suite struct LossCurvesTests {
    @Test(arguments: [(2.0, 0.3), (19.0, 0.05), (0.5, 0.6)])
    func weightedBCEIsLowestAtTheOptimum(_ w: Double, _ pi: Double) {
        // Expected loss of a constant logit on a label with base rate π, through LossKit's loss.
        let targets = Tensor(shape: [1000], scalars: (0..<1000).map { Double($0) < pi * 1000 ? 1 : 0 })
        let loss = BinaryCrossEntropyWithLogitsLoss(positiveWeight: [w])
        func value(_ p: Double) -> Double {
            let logit = log(p / (1 - p))
            return loss.valueAndGradient(logits: Tensor(repeating: logit, shape: [1000]), targets: targets).value.scalars[0]
        }
        let best = ClassWeightsExperiment.optimum(weight: w, rate: pi)
        for p in stride(from: 0.01, through: 0.99, by: 0.01) where abs(p - best) > 1e-3 {
            #expect(value(p) > value(best))
        }
    }

    @Test func overParameterisedModelMakesTheUTurn() async throws {
        let v = try await valuesOffPool(OverfittingExperiment())
        #expect(v["best-epoch"]! < 300)
        #expect(v["final-validation"]! > v["best-validation"]! + 0.05)
        #expect(v["final-train"]! < v["best-train"]!)
        #expect(v["parameters"]! > v["train-labels"]!)
        // The gap exists at the best step already; accuracy never beats predicting all zeros, AP beats a random ranking.
        #expect(v["best-train-validation-gap"]! > 0.05)
        #expect(v["max-binary-accuracy"]! < v["all-zeros-binary-accuracy"]!)
        #expect(v["final-mean-ap"]! > 2 * v["baseline-mean-ap"]!)
    }

    @Test func rankingScoresMatchHandComputedValues() {
        // Ranked: 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.1 (neg): AP = (1/1 + 2/3) / 2; AUC = 3 of 4 pairs.
        let scores = [0.1, 0.9, 0.7, 0.8], targets = [0.0, 1, 1, 0]
        #expect(abs(LossCurvesHelpers.averagePrecision(scores: scores, targets: targets) - (1 + 2.0 / 3) / 2) < 1e-12)
        #expect(abs(LossCurvesHelpers.rocAUC(scores: scores, targets: targets) - 0.75) < 1e-12)
        #expect(LossCurvesHelpers.rocAUC(scores: [0.5, 0.5], targets: [1, 0]) == 0.5)
    }

    @Test func randomRankingAPMatchesEnumerationAndIsAboveTheRateForFewPositives() {
        // Every placement of 2 positives among 6 examples, each equally likely.
        var total = 0.0, placements = 0.0
        for a in 0..<6 { for b in (a + 1)..<6 {
            let targets = (0..<6).map { $0 == a || $0 == b ? 1.0 : 0.0 }
            total += LossCurvesHelpers.averagePrecision(scores: (0..<6).map { -Double($0) }, targets: targets)
            placements += 1
        } }
        #expect(abs(LossCurvesHelpers.randomRankingAP(positives: 2, count: 6) - total / placements) < 1e-12)
        #expect(LossCurvesHelpers.randomRankingAP(positives: 5, count: 5) == 1)
        // 6 positives among 400: about 0.029, nearly twice the rate 0.015; with 200 it is near the rate.
        #expect(abs(LossCurvesHelpers.randomRankingAP(positives: 6, count: 400) - 0.0287) < 5e-4)
        #expect(abs(LossCurvesHelpers.randomRankingAP(positives: 200, count: 400) - 0.5) < 0.01)
    }

    @Test func newtonFitShiftsTheInterceptByLogWOnAWellSpecifiedModel() {
        // Labels with P(y = 1 | x) = σ(−2 + 1.5x) exactly, x ~ N(0, 1): the weighted optimum has intercept −2 + log w.
        var generator = SeededGenerator(seed: 1)
        let x = (0..<4000).map { _ in [generator.normal()] }
        let y = x.map { generator.bernoulli(sigmoid(-2 + 1.5 * $0[0])) ? 1.0 : 0.0 }
        let plain = LossCurvesHelpers.fitLogistic(x: x, y: y)
        let weighted = LossCurvesHelpers.fitLogistic(x: x, y: y, positiveWeight: 4)
        #expect(plain.gradientNorm < 1e-9 && weighted.gradientNorm < 1e-9)
        #expect(abs(plain.intercept + 2) < 0.2 && abs(plain.slopes[0] - 1.5) < 0.2)
        #expect(abs(weighted.intercept - plain.intercept - log(4.0)) < 0.15)
    }

    @Test func weightsRaiseLossLevelAndProbabilitiesAndTradePrecisionForRecall() async throws {
        let v = try await valuesOffPool(ClassWeightsExperiment())
        // Bias-only models land on the optimum p* (and on the base rate without weights).
        #expect(v["constant-max-gap"]! < 1e-3)
        #expect(v["constant-plain-max-gap"]! < 1e-3)
        #expect(v["weighted-final-train"]! > v["unweighted-final-train"]!)
        #expect(v["constant-weighted-loss"]! > v["constant-plain-loss"]!)
        for l in 1...4 {
            #expect(v["label-\(l)-mean-p-weighted"]! > v["label-\(l)-mean-p-unweighted"]!)
            #expect(v["label-\(l)-recall-weighted"]! >= v["label-\(l)-recall-unweighted"]!)
        }
        // The plain right-sized model shows no gap to speak of; the weighted one a clear one.
        #expect(abs(v["unweighted-final-validation"]! - v["unweighted-final-train"]!) < 0.05)
        #expect(v["weighted-gap-mean-last-half"]! > 0.05)
        // The rarest label carries more than an even share of the weighted gap.
        #expect(v["rare-label-gap-share"]! > 0.25)
        // Under-trained models miss the log w shift; converged fits of the commonest label hit it.
        #expect(v["max-shift-error-trained"]! > 1)
        #expect(abs(v["label-1-shift-converged"]! - v["label-1-log-weight"]!) < 0.2)
        #expect(v["max-fit-gradient"]! < 1e-8)
        // Keras reports the weighted model's val_loss unweighted: it sits below the weighted training loss.
        #expect(v["weighted-final-validation-plain-bce"]! < v["weighted-final-train"]!)
        #expect(v["mean-ap-difference"]! < 0.05)
        // The weighted training curve sits above the plain validation curve at every epoch.
        #expect(v["weighted-train-over-plain-validation-min"]! > 1.5)
        for l in 1...4 {
            // ‖β‖ leaves the intercept out, so it is shorter than ‖θ‖.
            #expect(v["label-\(l)-converged-weighted-slope-norm"]! < v["label-\(l)-converged-weighted-norm"]!)
            #expect(v["label-\(l)-converged-plain-slope-norm"]! < v["label-\(l)-converged-plain-norm"]!)
            // The same-rule difference and its sign agree.
            #expect((v["label-\(l)-same-rule-difference"]! > 0) == (v["label-\(l)-same-rule-plain-higher"]! == 1))
        }
        #expect(abs(v["rare-converged-slope-ratio"]! - v["label-4-converged-weighted-slope-norm"]! / v["label-4-converged-plain-slope-norm"]!) < 1e-12)
    }
}
