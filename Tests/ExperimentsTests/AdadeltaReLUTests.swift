import Testing
@testable import Experiments
import LossKit

/// Chapter 7's claims: AdaDelta's first step is capped by √(ε/(1−ρ)), a ReLU
/// output unit that is off everywhere gets no gradient, and a linear output
/// layer reconstructs better than a ReLU one under AdaDelta.
@Suite struct AdadeltaReLUTests {
    @Test(arguments: [(0.9, 1e-6), (0.95, 1e-6), (0.9, 1e-4)])
    func firstAdadeltaStepIsCappedBySqrtEpsilonOverOneMinusRho(rho: Double, epsilon: Double) {
        var generator = SeededGenerator(seed: 3)
        let cap = (epsilon / (1 - rho)).squareRoot()
        for _ in 0..<200 {
            let g = generator.uniform(-50, 50)
            var optimizer = Adadelta(rho: rho, epsilon: epsilon)
            var x = [0.0]
            optimizer.step(parameters: &x, gradient: [g])
            let expected = epsilon.squareRoot() / ((1 - rho) * g * g + epsilon).squareRoot() * g
            #expect(abs(-x[0] - expected) <= 1e-15 + 1e-12 * abs(expected))
            #expect(abs(x[0]) <= cap)
        }
    }

    @Test func firstAdadeltaStepIsFarBelowSGDs() {
        let step = AdadeltaFirstStep()
        let sgd = AdadeltaFirstStep.firstStep(SGD(learningRate: step.sgdRate), gradient: 1)
        let adadelta = AdadeltaFirstStep.firstStep(Adadelta(rho: step.pytorchRho, epsilon: step.epsilon), gradient: 1)
        #expect(adadelta < sgd / 10)
    }

    @Test func reluOutputUnitThatIsOffEverywhereGetsNoGradient() {
        var generator = SeededGenerator(seed: 5)
        var layer = Dense(inputs: 4, outputs: 3, activation: .relu, generator: &generator)
        // Unit 1: a large negative bias switches it off for inputs in [0, 1].
        layer.parameters[3 * 4 + 1] = -10
        let x = Tensor(shape: [6, 4], scalars: (0..<24).map { _ in generator.uniform() })
        let targets = Tensor(shape: [6, 3], scalars: (0..<18).map { _ in generator.uniform(0.5, 1) })
        let (_, gradient) = MeanSquaredErrorLoss().valueAndGradient(predictions: layer(x), targets: targets)
        let parameters = layer.backward(input: x, outputGradient: gradient).parameters
        let unitWeights = parameters[4..<8] + [parameters[3 * 4 + 1]]
        #expect(unitWeights.allSatisfy { $0 == 0 })
        #expect(parameters[0..<4].contains { $0 != 0 }, "a live unit still learns")
    }

    @Test(arguments: DenoisingRun.OptimizerChoice.allCases)
    func reluOutputLeavesDeadPixels(_ optimizer: DenoisingRun.OptimizerChoice) {
        let record = DenoisingRun().run(optimizer, output: .relu)
        #expect((record.deadOutputs.last ?? 0) > 0, "\(optimizer.rawValue) left no dead ReLU outputs")
    }

    @Test func linearOutputBeatsReluOutputUnderAdadelta() throws {
        let values = try OutputLayerFix().run().values
        let relu = try #require(values["relu-test"])
        let linear = try #require(values["linear-test-clamped"])
        #expect(linear < relu)
        #expect(try #require(values["linear-final"]) < #require(values["relu-final"]))
    }

    @Test func dampedGradientsMoveAdadeltaLessAndScaleOneChangesNothing() {
        let run = DenoisingRun().training(epochs: 10)
        let optimizer = DenoisingRun.AdadeltaSettings().optimizer
        let full = run.train(optimizer, output: .relu)
        let same = run.train(optimizer, output: .relu, gradientScale: 1)
        let damped = run.train(optimizer, output: .relu, gradientScale: 0.25)
        #expect(same.loss == full.loss)
        #expect(damped.displacement < full.displacement)
        #expect(damped.firstGradient.count == full.firstGradient.count)
    }

    @Test func epsilonMattersMoreThanRhoEarlyOn() throws {
        // A coarser grid than the chapter's figure keeps the test quick; the claim is the same.
        var experiment = AdadeltaSensitivity()
        experiment.rhos = [0.85, 0.9, 0.95]
        experiment.epsilonPowers = [-8, -6, -4]
        let values = try experiment.run().values
        #expect(try #require(values["eps-spread-at-default-rho"]) > #require(values["rho-spread-at-default-eps"]))
    }
}
