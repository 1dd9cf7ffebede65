import RealModule

/// A fully connected layer y = f(x Wᵀ + b) on `[N, inputs]`.
///
/// Parameters: W as `[outputs, inputs]` row-major (PyTorch's `Linear.weight`
/// layout), then b.
public struct Dense: Model {
    /// Features per input row.
    public let inputs: Int
    /// Features per output row.
    public let outputs: Int
    /// Applied after the affine map.
    public var activation: Activation
    /// W (`[outputs, inputs]` row-major), then b.
    public var parameters: [Double]

    /// A layer with PyTorch's default uniform ±1/√inputs initialisation.
    public init(inputs: Int, outputs: Int, activation: Activation = .identity, generator: inout SeededGenerator) {
        self.init(inputs: inputs, outputs: outputs, activation: activation,
                  parameters: defaultInitialization(count: outputs * inputs + outputs, fanIn: inputs, generator: &generator))
    }

    /// A layer with the given flat parameters (W then b).
    public init(inputs: Int, outputs: Int, activation: Activation = .identity, parameters: [Double]) {
        precondition(parameters.count == outputs * inputs + outputs, "Dense needs \(outputs * inputs + outputs) parameters")
        self.inputs = inputs
        self.outputs = outputs
        self.activation = activation
        self.parameters = parameters
    }

    /// x Wᵀ + b before the activation.
    public func preActivation(_ x: Tensor<Double>) -> Tensor<Double> {
        precondition(x.rank == 2 && x.shape[1] == inputs, "Dense expects [N, \(inputs)], got \(x.shape)")
        let n = x.shape[0]
        var z = [Double](repeating: 0, count: n * outputs)
        for r in 0..<n {
            for o in 0..<outputs {
                var s = parameters[outputs * inputs + o]
                for i in 0..<inputs { s += x.scalars[r * inputs + i] * parameters[o * inputs + i] }
                z[r * outputs + o] = s
            }
        }
        return Tensor(shape: [n, outputs], scalars: z)
    }

    public func callAsFunction(_ x: Tensor<Double>) -> Tensor<Double> {
        activation(preActivation(x))
    }

    public func backward(input x: Tensor<Double>, outputGradient g: Tensor<Double>) -> (input: Tensor<Double>, parameters: [Double]) {
        let z = preActivation(x)
        let n = x.shape[0]
        var dz = g.scalars
        for k in dz.indices { dz[k] *= activation.derivative(input: z.scalars[k], output: activation(z.scalars[k])) }
        var dParameters = [Double](repeating: 0, count: parameters.count)
        var dx = [Double](repeating: 0, count: x.count)
        for r in 0..<n {
            for o in 0..<outputs {
                let d = dz[r * outputs + o]
                if d == 0 { continue }
                dParameters[outputs * inputs + o] += d
                for i in 0..<inputs {
                    dParameters[o * inputs + i] += d * x.scalars[r * inputs + i]
                    dx[r * inputs + i] += d * parameters[o * inputs + i]
                }
            }
        }
        return (Tensor(shape: x.shape, scalars: dx), dParameters)
    }
}
