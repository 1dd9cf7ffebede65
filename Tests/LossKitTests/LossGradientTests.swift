import LossKit
import Testing

/// Loss gradients against central differences, and the behaviours the chapters rely on.
@Suite struct LossGradientTests {
    static func randomTensor(_ shape: [Int], seed: UInt64, scale: Double = 2) -> Tensor<Double> {
        var g = SeededGenerator(seed: seed)
        return Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in g.normal(standardDeviation: scale) })
    }

    static func summed(_ t: Tensor<Double>) -> Double { t.scalars.reduce(0, +) }

    @Test(arguments: [Reduction.mean, .sum, .none])
    func crossEntropyGradientIsTheDerivative(reduction: Reduction) {
        let x = Self.randomTensor([2, 4, 3], seed: 11)
        let targets = [0, 3, -100, 2, 1, 1]
        let loss = CrossEntropyLoss(weight: [0.5, 1, 2, 3], reduction: reduction, labelSmoothing: 0.2)
        let analytic = loss.valueAndGradient(logits: x, targets: targets).gradient
        let f = { (s: [Double]) in Self.summed(loss.valueAndGradient(logits: Tensor(shape: x.shape, scalars: s), targets: targets).value) }
        #expect(matchesFiniteDifferences(f, at: x.scalars, analytic: analytic.scalars))
    }

    @Test func softCrossEntropyGradientIsTheDerivative() {
        let x = Self.randomTensor([3, 4], seed: 12)
        let t = softmax(Self.randomTensor([3, 4], seed: 13), axis: 1)
        let loss = CrossEntropyLoss(weight: [1, 2, 0.5, 1], labelSmoothing: 0.1)
        let analytic = loss.valueAndGradient(logits: x, probabilities: t).gradient
        let f = { (s: [Double]) in Self.summed(loss.valueAndGradient(logits: Tensor(shape: x.shape, scalars: s), probabilities: t).value) }
        #expect(matchesFiniteDifferences(f, at: x.scalars, analytic: analytic.scalars))
    }

    @Test func binaryLossGradientsAreTheDerivative() {
        let x = Self.randomTensor([3, 4], seed: 14)
        let t = Tensor(shape: [3, 4], scalars: (0..<12).map { Double($0 % 3 == 0 ? 1 : 0) })
        let withLogits = BinaryCrossEntropyWithLogitsLoss(weight: [1, 2, 3, 4], positiveWeight: [0.5, 2, 5, 1])
        let f = { (s: [Double]) in Self.summed(withLogits.valueAndGradient(logits: Tensor(shape: x.shape, scalars: s), targets: t).value) }
        #expect(matchesFiniteDifferences(f, at: x.scalars, analytic: withLogits.valueAndGradient(logits: x, targets: t).gradient.scalars))

        // Away from the clamp, BCE's PyTorch backward is the true derivative.
        let p = Tensor(shape: [3, 4], scalars: x.scalars.map { sigmoid($0) })
        let bce = BinaryCrossEntropyLoss(weight: [1, 2, 3, 4], reduction: .sum)
        let g = { (s: [Double]) in Self.summed(bce.valueAndGradient(probabilities: Tensor(shape: p.shape, scalars: s), targets: t).value) }
        #expect(matchesFiniteDifferences(g, at: p.scalars, analytic: bce.valueAndGradient(probabilities: p, targets: t).gradient.scalars,
                                         tolerance: 1e-5))
    }

    @Test func gaussianLikelihoodIsScaledSquaredErrorPlusConstants() {
        let y = Self.randomTensor([10, 1], seed: 15)
        let t = Self.randomTensor([10, 1], seed: 16)
        let beta = 2.5
        let nll = GaussianNegativeLogLikelihoodLoss(precision: beta, reduction: .sum)
        let r = nll.valueAndGradient(predictions: y, targets: t)
        let sse = MeanSquaredErrorLoss(reduction: .sum).valueAndGradient(predictions: y, targets: t).value.scalars[0]
        let n = 10.0
        let bishop = beta / 2 * sse - n / 2 * Double.log(beta) + n / 2 * Double.log(2 * Double.pi)
        #expect(abs(r.value.scalars[0] - bishop) < 1e-12 * abs(bishop))
        // ∂/∂β by central difference, and zero at the maximum-likelihood precision.
        let f = { (b: [Double]) in GaussianNegativeLogLikelihoodLoss(precision: b[0], reduction: .sum)
            .valueAndGradient(predictions: y, targets: t).value.scalars[0] }
        #expect(matchesFiniteDifferences(f, at: [beta], analytic: [r.precisionGradient]))
        let betaML = GaussianNegativeLogLikelihoodLoss.maximumLikelihoodPrecision(predictions: y, targets: t)
        #expect(abs(1 / betaML - sse / n) < 1e-12)
        let atOptimum = GaussianNegativeLogLikelihoodLoss(precision: betaML, reduction: .sum)
            .valueAndGradient(predictions: y, targets: t).precisionGradient
        #expect(abs(atOptimum) < 1e-9)
    }

    @Test func pixelwiseCrossEntropyEqualsCrossEntropyOnTheFlattenedMatrix() {
        let (n, c, h, w) = (2, 3, 2, 2)
        let x = Self.randomTensor([n, c, h, w], seed: 17)
        let targets = [0, 1, 2, 2, 1, 0, 0, 1]
        // [N, C, H, W] → [N·H·W, C]: move the class axis last.
        var flat = [Double](repeating: 0, count: x.count)
        for b in 0..<n { for k in 0..<c { for p in 0..<(h * w) {
            flat[(b * h * w + p) * c + k] = x.scalars[(b * c + k) * h * w + p]
        } } }
        let loss = CrossEntropyLoss(weight: [1, 2, 3], labelSmoothing: 0.05)
        let pixelwise = loss.valueAndGradient(logits: x, targets: targets).value.scalars[0]
        let plain = loss.valueAndGradient(logits: Tensor(shape: [n * h * w, c], scalars: flat), targets: targets).value.scalars[0]
        #expect(abs(pixelwise - plain) < 1e-14)
    }

    @Test func naiveSoftmaxThenLogAgreesWhenSmallAndBreaksWhenLarge() {
        let small = Tensor<Float>(shape: [2, 3], scalars: [1, 2, 3, -1, 0, 1])
        let naive = NaiveSoftmaxCrossEntropy().valueAndGradient(logits: small, targets: [2, 0])
        let fused = CrossEntropyLoss().valueAndGradient(logits: small, targets: [2, 0])
        #expect(abs(naive.value.scalars[0] - fused.value.scalars[0]) < 1e-6)
        // exp(100) overflows Float: inf/inf is NaN.
        let large = Tensor<Float>(shape: [1, 3], scalars: [100, 0, -100])
        #expect(NaiveSoftmaxCrossEntropy().valueAndGradient(logits: large, targets: [0]).value.scalars[0].isNaN)
        #expect(CrossEntropyLoss().valueAndGradient(logits: large, targets: [0]).value.scalars[0] == 0)
        // A probability that underflows to 0 gives −log 0 = inf in the naive form.
        let far = Tensor<Float>(shape: [1, 2], scalars: [0, -200])
        #expect(NaiveSoftmaxCrossEntropy().valueAndGradient(logits: far, targets: [1]).value.scalars[0] == .infinity)
        #expect(CrossEntropyLoss().valueAndGradient(logits: far, targets: [1]).value.scalars[0] == 200)
    }

    @Test func finiteDifferenceCheckRejectsAWrongGradient() {
        let f = { (x: [Double]) in x.reduce(0) { $0 + $1 * $1 * $1 } }
        let x = [0.5, -1.5, 2]
        #expect(matchesFiniteDifferences(f, at: x, analytic: x.map { 3 * $0 * $0 }))
        #expect(!matchesFiniteDifferences(f, at: x, analytic: x.map { 3 * $0 * $0 + 1e-4 }))
        #expect(firstMismatch([1, 2, 3], [1, 2, 3.001], rtol: 1e-9) == 2)
        #expect(firstMismatch([.nan], [0], rtol: 1e-9) == 0)
    }

    @Test func valueShapesFollowReduction() {
        let x = Self.randomTensor([2, 3, 4], seed: 18)
        let targets = [0, 1, 2, 0, 1, 2, 0, 1]
        #expect(CrossEntropyLoss(reduction: .none).valueAndGradient(logits: x, targets: targets).value.shape == [2, 4])
        #expect(CrossEntropyLoss(reduction: .sum).valueAndGradient(logits: x, targets: targets).value.shape == [])
        #expect(MeanSquaredErrorLoss(reduction: .none).valueAndGradient(predictions: x, targets: x).value.shape == [2, 3, 4])
    }
}
