import LossKit
import Testing
@testable import Experiments

/// Chapter 3's claims: all-zeros predictions score (C − 1)/C binary accuracy;
/// BCE on one-hot targets is the mean of C Bernoulli losses; the sigmoid model
/// reaches high binary accuracy while the softmax model classifies better at
/// one shared rate, and the gap closes at C times the rate.
@Suite struct BCEvsCCETests {
    @Test(arguments: [2, 10, 26])
    func allZerosScoresAllButOneOverC(_ classes: Int) {
        var oneHot = Tensor(repeating: 0.0, shape: [3, classes])
        for n in 0..<3 { oneHot.scalars[n * classes + (n * 7) % classes] = 1 }
        let accuracy = binaryAccuracy(probabilities: Tensor(repeating: 0.0, shape: [3, classes]), targets: oneHot)
        #expect(abs(accuracy - Double(classes - 1) / Double(classes)) < 1e-12)
    }

    @Test func bceOnOneHotIsTheMeanOfIndependentBernoulliLosses() {
        let logits = Tensor(shape: [1, 4], scalars: [0.3, -1.2, 2.0, -0.1])
        let target = Tensor(shape: [1, 4], scalars: [0.0, 0, 1, 0])
        let together = BinaryCrossEntropyWithLogitsLoss().valueAndGradient(logits: logits, targets: target).value.scalars[0]
        let separately = (0..<4).map { k in
            BinaryCrossEntropyWithLogitsLoss().valueAndGradient(
                logits: Tensor(shape: [1], scalars: [logits.scalars[k]]), targets: Tensor(shape: [1], scalars: [target.scalars[k]])
            ).value.scalars[0]
        }
        #expect(abs(together - separately.reduce(0, +) / 4) < 1e-12)
    }

    /// One run of the experiment, off the cooperative pool, checked for all of the chapter's claims.
    @Test func theExperimentShowsTheChaptersClaims() async throws {
        let values = try await valuesOffPool(TwentySixClassesExperiment())
        #expect(abs(values["all-zeros-binary-accuracy"]! - 25.0 / 26.0) < 1e-12)
        // Softmax classifies better, while the sigmoid model looks accurate on binary accuracy.
        #expect(values["cce-model-final-categorical-accuracy"]! > values["bce-model-final-categorical-accuracy"]!)
        #expect(values["bce-model-final-binary-accuracy"]! > 0.9)
        #expect(values["bce-model-final-categorical-accuracy"]! < values["bce-model-final-binary-accuracy"]! - 0.2)
        #expect(values["bce-model-share-none"]! > values["cce-model-share-none"]!)
        // At C times the rate (BCE's mean undone) the sigmoid model classifies far better than at the shared rate.
        #expect(values["bce-scaled-model-final-categorical-accuracy"]! > values["bce-model-final-categorical-accuracy"]! + 0.05)
        #expect(values["bce-scaled-model-final-bce"]! < values["prior-bce"]!)
        // The split is stratified: half of the points train.
        #expect(values["train-count"]! == values["test-count"]!)
        #expect(values["dense-80-flatten"]! > 8_000_000)
    }

    @Test func denseParameterCountMatchesLossKitsLayer() {
        var generator = SeededGenerator(seed: 1)
        for (inputs, outputs) in [(7, 3), (12, 5), (49, 8)] {
            let layer = Dense(inputs: inputs, outputs: outputs, generator: &generator)
            #expect(layer.parameters.count == TwentySixClassesExperiment.denseParameters(inputs: inputs, outputs: outputs))
        }
    }
}
