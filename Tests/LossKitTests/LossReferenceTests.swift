import LossKit
import Testing

/// Every loss configuration in the PyTorch reference, values and gradients, in Float and Double.
@Suite struct LossReferenceTests {
    static let doubleCases = PyTorchReference.shared.losses.filter { $0.dtype == "float64" }.map(\.name)
    static let floatCases = PyTorchReference.shared.losses.filter { $0.dtype == "float32" }.map(\.name)

    @Test(arguments: doubleCases) func matchesPyTorchInDouble(name: String) {
        check(name: name, dtype: "float64", as: Double.self)
    }

    @Test(arguments: floatCases) func matchesPyTorchInFloat(name: String) {
        check(name: name, dtype: "float32", as: Float.self)
    }

    @Test func referenceCoversEveryLossInBothPrecisions() {
        let kinds = Set(PyTorchReference.shared.losses.map { "\($0.loss)/\($0.dtype)" })
        for loss in ["cross_entropy", "cross_entropy_soft", "bce_with_logits", "bce", "mse", "gaussian_nll"] {
            #expect(kinds.contains("\(loss)/float64") && kinds.contains("\(loss)/float32"), "missing \(loss)")
        }
    }

    func check<S: TestScalar>(name: String, dtype: String, as _: S.Type) {
        guard let reference = PyTorchReference.shared.losses.first(where: { $0.name == name && $0.dtype == dtype }) else {
            Issue.record("no case \(name)")
            return
        }
        let (value, gradient) = Self.evaluate(reference, as: S.self)
        let rtol = referenceTolerance(S.self)
        #expect(value.shape == reference.value.shape, "\(name): value shape")
        #expect(gradient.shape == reference.gradient.shape, "\(name): gradient shape")
        let valueMismatch = firstMismatch(value.scalars.map(Double.init), reference.value.data, rtol: rtol)
        #expect(valueMismatch == nil,
                "\(name) value: got \(value.scalars) expected \(reference.value.data)")
        let gradientMismatch = firstMismatch(gradient.scalars.map(Double.init), reference.gradient.data, rtol: rtol)
        #expect(gradientMismatch == nil,
                "\(name) gradient: got \(gradient.scalars) expected \(reference.gradient.data)")
    }

    static func reduction(_ text: String) -> Reduction {
        switch text {
        case "sum": return .sum
        case "none": return .none
        default: return .mean
        }
    }

    static func evaluate<S: TestScalar>(_ c: PyTorchReference.LossCase, as _: S.Type) -> (Tensor<S>, Tensor<S>) {
        let input = Tensor<S>(shape: c.input.shape, scalars: c.input.data.map { S($0) })
        let target = c.target.map { Tensor<S>(shape: $0.shape, scalars: $0.data.map { S($0) }) }
        let o = c.options
        let reduction = reduction(o.reduction)
        switch c.loss {
        case "cross_entropy", "cross_entropy_soft":
            let loss = CrossEntropyLoss(weight: o.weight, ignoreIndex: o.ignore_index ?? -100, reduction: reduction,
                                        labelSmoothing: o.label_smoothing ?? 0)
            if let indices = c.indices {
                return loss.valueAndGradient(logits: input, targets: indices)
            }
            return loss.valueAndGradient(logits: input, probabilities: target!)
        case "bce_with_logits":
            return BinaryCrossEntropyWithLogitsLoss(weight: o.weight, positiveWeight: o.pos_weight, reduction: reduction)
                .valueAndGradient(logits: input, targets: target!)
        case "bce":
            return BinaryCrossEntropyLoss(weight: o.weight, reduction: reduction)
                .valueAndGradient(probabilities: input, targets: target!)
        case "mse":
            return MeanSquaredErrorLoss(reduction: reduction).valueAndGradient(predictions: input, targets: target!)
        case "gaussian_nll":
            let r = GaussianNegativeLogLikelihoodLoss(precision: o.precision!, reduction: reduction)
                .valueAndGradient(predictions: input, targets: target!)
            return (r.value, r.gradient)
        default:
            fatalError("unknown loss \(c.loss)")
        }
    }
}
