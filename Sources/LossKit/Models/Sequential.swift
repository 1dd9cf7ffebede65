import RealModule

/// Models applied one after another; parameters are the layers' in order.
///
/// A multilayer perceptron is a `Sequential` of ``Dense`` layers with one
/// activation each (see ``multilayerPerceptron(sizes:activations:generator:)``).
public struct Sequential: Model {
    /// The layers, applied first to last.
    public var layers: [any Model]

    /// Chains `layers`, first to last.
    public init(_ layers: [any Model]) {
        self.layers = layers
    }

    /// Dense layers `sizes[0] → sizes[1] → …`, layer k using `activations[k]`.
    public static func multilayerPerceptron(sizes: [Int], activations: [Activation],
                                            generator: inout SeededGenerator) -> Sequential {
        precondition(sizes.count >= 2 && activations.count == sizes.count - 1, "one activation per layer")
        var layers: [any Model] = []
        for k in 0..<(sizes.count - 1) {
            layers.append(Dense(inputs: sizes[k], outputs: sizes[k + 1], activation: activations[k], generator: &generator))
        }
        return Sequential(layers)
    }

    public var parameters: [Double] {
        get { layers.flatMap(\.parameters) }
        set {
            var offset = 0
            for k in layers.indices {
                let count = layers[k].parameters.count
                layers[k].parameters = Array(newValue[offset..<(offset + count)])
                offset += count
            }
            precondition(offset == newValue.count, "Sequential got \(newValue.count) parameters, needs \(offset)")
        }
    }

    public func callAsFunction(_ input: Tensor<Double>) -> Tensor<Double> {
        layers.reduce(input) { $1($0) }
    }

    /// The output of every layer, starting with the input itself.
    public func activations(_ input: Tensor<Double>) -> [Tensor<Double>] {
        var values = [input]
        for layer in layers { values.append(layer(values[values.count - 1])) }
        return values
    }

    public func backward(input: Tensor<Double>, outputGradient: Tensor<Double>) -> (input: Tensor<Double>, parameters: [Double]) {
        let values = activations(input)
        var gradient = outputGradient
        var parameterGradients: [[Double]] = Array(repeating: [], count: layers.count)
        for k in layers.indices.reversed() {
            let step = layers[k].backward(input: values[k], outputGradient: gradient)
            gradient = step.input
            parameterGradients[k] = step.parameters
        }
        return (gradient, parameterGradients.flatMap { $0 })
    }
}
