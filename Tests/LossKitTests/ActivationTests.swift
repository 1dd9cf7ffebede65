import LossKit
import Testing

/// Activations and their backward passes against PyTorch, plus stability at extreme inputs.
@Suite struct ActivationTests {
    static let names = Array(Set(PyTorchReference.shared.activations.map(\.name))).sorted()

    /// Output and ∂Σ(upstream ⊙ f(x))/∂x computed with LossKit's functions.
    static func evaluate<S: TestScalar>(_ name: String, _ x: Tensor<S>, upstream u: Tensor<S>) -> (Tensor<S>, Tensor<S>) {
        func elementwise(_ f: (S) -> S, _ df: (S) -> S) -> (Tensor<S>, Tensor<S>) {
            let y = Tensor(shape: x.shape, scalars: x.scalars.map(f))
            return (y, Tensor(shape: x.shape, scalars: zip(x.scalars, u.scalars).map { df($0) * $1 }))
        }
        switch name {
        case "sigmoid": return elementwise(sigmoid, sigmoidDerivative)
        case "logSigmoid": return elementwise(logSigmoid, logSigmoidDerivative)
        case "relu": return elementwise({ Activation.relu($0) }, { Activation.relu.derivative(input: $0, output: Activation.relu($0)) })
        case "tanh": return elementwise({ Activation.tanh($0) }, { Activation.tanh.derivative(input: $0, output: Activation.tanh($0)) })
        default:
            let axis = Int(String(name.last!))!
            if name.hasPrefix("logSoftmax") {
                let y = logSoftmax(x, axis: axis)
                return (y, logSoftmaxBackward(output: y, gradient: u, axis: axis))
            }
            let y = softmax(x, axis: axis)
            return (y, softmaxBackward(output: y, gradient: u, axis: axis))
        }
    }

    func check<S: TestScalar>(_ name: String, dtype: String, as _: S.Type) {
        let c = PyTorchReference.shared.activations.first { $0.name == name && $0.dtype == dtype }!
        let x = Tensor<S>(shape: c.input.shape, scalars: c.input.data.map { S($0) })
        let u = Tensor<S>(shape: c.upstream.shape, scalars: c.upstream.data.map { S($0) })
        let (y, g) = Self.evaluate(name, x, upstream: u)
        let rtol = referenceTolerance(S.self)
        #expect(firstMismatch(y.scalars.map(Double.init), c.output.data, rtol: rtol) == nil, "\(name) \(dtype) output")
        #expect(firstMismatch(g.scalars.map(Double.init), c.gradient.data, rtol: rtol) == nil, "\(name) \(dtype) gradient")
    }

    @Test(arguments: names) func matchesPyTorch(name: String) {
        check(name, dtype: "float64", as: Double.self)
        check(name, dtype: "float32", as: Float.self)
    }

    @Test func logisticFunctionsStayFiniteFarOut() {
        #expect(sigmoid(Float(-1000)) == 0 && sigmoid(Float(1000)) == 1)
        #expect(logSigmoid(Float(-1000)) == -1000)
        #expect(logSigmoid(Double(1000)) == 0)
        #expect(logSigmoidDerivative(Double(-1000)) == 1)
        let y = softmax(Tensor<Float>(shape: [1, 3], scalars: [1e4, -1e4, 0]), axis: 1)
        #expect(y.scalars == [1, 0, 0])
    }

    @Test func clippedAndIdentityDerivatives() {
        let clipped = Activation.clipped(lower: 0, upper: 1)
        #expect(clipped(2.5) == 1.0 && clipped(-1.0) == 0.0 && clipped(0.25) == 0.25)
        #expect(clipped.derivative(input: 0.5, output: 0.5) == 1.0)
        #expect(clipped.derivative(input: 1.5, output: 1.0) == 0.0)
        #expect(Activation.identity.derivative(input: 7.0, output: 7.0) == 1.0)
        // The sigmoid derivative from the output equals σ(1 − σ) from the input.
        let x = 0.7
        #expect(abs(Activation.sigmoid.derivative(input: x, output: sigmoid(x)) - sigmoidDerivative(x)) < 1e-16)
    }
}
