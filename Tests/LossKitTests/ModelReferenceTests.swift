import LossKit
import Testing

/// Dense and Conv2D against torch.nn.Linear / Conv2d with the same flat parameters:
/// pins the weight layouts, the padding and the backward passes to PyTorch's.
@Suite struct ModelReferenceTests {
    static func model(_ name: String, parameters: [Double]) -> any Model {
        switch name {
        case "dense-tanh": return Dense(inputs: 4, outputs: 3, activation: .tanh, parameters: parameters)
        case "conv3-relu": return Conv2D(inputChannels: 2, outputChannels: 3, kernelSize: 3, activation: .relu, parameters: parameters)
        case "conv1-identity": return Conv2D(inputChannels: 3, outputChannels: 4, kernelSize: 1, parameters: parameters)
        default: fatalError("unknown model \(name)")
        }
    }

    @Test(arguments: PyTorchReference.shared.models.map(\.name)) func matchesPyTorch(name: String) {
        let c = PyTorchReference.shared.models.first { $0.name == name }!
        let m = Self.model(name, parameters: c.parameters)
        let x = Tensor(shape: c.input.shape, scalars: c.input.data)
        let y = m(x)
        #expect(y.shape == c.output.shape)
        #expect(firstMismatch(y.scalars, c.output.data, rtol: 1e-9) == nil)
        let g = m.backward(input: x, outputGradient: Tensor(shape: c.upstream.shape, scalars: c.upstream.data))
        #expect(firstMismatch(g.input.scalars, c.input_gradient.data, rtol: 1e-9) == nil)
        #expect(firstMismatch(g.parameters, c.parameter_gradient, rtol: 1e-9) == nil)
    }
}
