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
    }
}
