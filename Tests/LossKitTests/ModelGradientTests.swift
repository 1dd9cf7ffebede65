import LossKit
import Testing

/// Every hand-written backward pass against central differences, for inputs and parameters.
@Suite struct ModelGradientTests {
    /// Checks ∂Σ(u ⊙ model(x)) by central differences in both the parameters and the input.
    static func check<M: Model>(_ model: M, input x: Tensor<Double>, seed: UInt64) -> (parameters: Bool, input: Bool) {
        var g = SeededGenerator(seed: seed)
        let y = model(x)
        let u = Tensor(shape: y.shape, scalars: (0..<y.count).map { _ in g.normal() })
        let analytic = model.backward(input: x, outputGradient: u)
        func weighted(_ out: Tensor<Double>) -> Double { zip(out.scalars, u.scalars).reduce(0) { $0 + $1.0 * $1.1 } }
        let byParameters = { (p: [Double]) -> Double in
            var m = model
            m.parameters = p
            return weighted(m(x))
        }
        let byInput = { (s: [Double]) in weighted(model(Tensor(shape: x.shape, scalars: s))) }
        return (matchesFiniteDifferences(byParameters, at: model.parameters, analytic: analytic.parameters),
                matchesFiniteDifferences(byInput, at: x.scalars, analytic: analytic.input.scalars))
    }

    static func input(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
        var g = SeededGenerator(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in g.normal() })
    }

    static let activations: [Activation] = [.identity, .sigmoid, .relu, .tanh, .clipped(lower: 0, upper: 1)]

    @Test(arguments: activations) func dense(activation: Activation) {
        var g = SeededGenerator(seed: 21)
        let layer = Dense(inputs: 4, outputs: 3, activation: activation, generator: &g)
        let result = Self.check(layer, input: Self.input([5, 4], seed: 22), seed: 23)
        #expect(result.parameters && result.input)
    }

    @Test func multilayerPerceptronWithAnActivationPerLayer() {
        var g = SeededGenerator(seed: 24)
        let mlp = Sequential.multilayerPerceptron(sizes: [3, 5, 4, 2], activations: [.tanh, .relu, .sigmoid], generator: &g)
        #expect(mlp.parameters.count == (3 * 5 + 5) + (5 * 4 + 4) + (4 * 2 + 2))
        let result = Self.check(mlp, input: Self.input([6, 3], seed: 25), seed: 26)
        #expect(result.parameters && result.input)
    }

    @Test(arguments: [1, 3]) func convolution(kernelSize: Int) {
        var g = SeededGenerator(seed: 27)
        let conv = Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: kernelSize, activation: .tanh, generator: &g)
        let result = Self.check(conv, input: Self.input([2, 2, 4, 5], seed: 28), seed: 29)
        #expect(result.parameters && result.input)
    }

    @Test func perPixelClassifierIsADenseLayerAtEveryPixel() {
        var g = SeededGenerator(seed: 30)
        let conv = Conv2D.perPixelClassifier(features: 3, classes: 4, generator: &g)
        let dense = Dense(inputs: 3, outputs: 4, parameters: conv.parameters)
        let x = Self.input([1, 3, 2, 2], seed: 31)
        let y = conv(x)
        for p in 0..<4 {
            let pixel = Tensor(shape: [1, 3], scalars: (0..<3).map { x.scalars[$0 * 4 + p] })
            let expected = dense(pixel).scalars
            for k in 0..<4 { #expect(abs(y.scalars[k * 4 + p] - expected[k]) < 1e-14) }
        }
    }

    @Test func convolutionIsCrossCorrelationWithZeroPadding() {
        // One channel, kernel picks the right-hand neighbour: output is the input shifted left, 0 at the border.
        var kernel = [Double](repeating: 0, count: 9)
        kernel[1 * 3 + 2] = 1
        let conv = Conv2D(inputChannels: 1, outputChannels: 1, kernelSize: 3, parameters: kernel + [0])
        let x = Tensor<Double>(shape: [1, 1, 2, 3], scalars: [1, 2, 3, 4, 5, 6])
        #expect(conv(x).scalars == [2, 3, 0, 5, 6, 0])
    }

    @Test(arguments: activations) func autoencoder(outputActivation: Activation) {
        var g = SeededGenerator(seed: 32)
        let model = Autoencoder(inputs: 6, hidden: [4], code: 2, hiddenActivation: .tanh,
                                outputActivation: outputActivation, generator: &g)
        let result = Self.check(model, input: Self.input([3, 6], seed: 33), seed: 34)
        #expect(result.parameters && result.input)
        #expect(model(Self.input([3, 6], seed: 33)) == model.decode(model.encode(Self.input([3, 6], seed: 33))))
    }

    @Test func miniBatchTrainingReducesTheLoss() {
        var g = SeededGenerator(seed: 35)
        let data = GaussianBlobs(classes: 3, perClass: 40, dimensions: 2, spread: 0.8, generator: &g)
        var model = Sequential.multilayerPerceptron(sizes: [2, 8, 3], activations: [.relu, .identity], generator: &g)
        var optimizer = Adam(learningRate: 0.05)
        let trainer = MiniBatchTrainer(batchSize: 16)
        let loss = CrossEntropyLoss()
        func epoch(_ model: inout Sequential) -> Double {
            trainer.epoch(model: &model, optimizer: &optimizer, inputs: data.features, generator: &g) { output, batch in
                let r = loss.valueAndGradient(logits: output, targets: gatherRows(data.labels, rowSize: 1, batch))
                return (r.value.scalars[0], r.gradient)
            }
        }
        let first = epoch(&model)
        var last = first
        for _ in 0..<30 { last = epoch(&model) }
        #expect(last < first / 3)
        #expect(categoricalAccuracy(scores: model(data.features), targets: data.labels) > 0.9)
    }
}
