import RealModule

/// An encoder followed by a decoder; the decoder's last activation is the output activation.
///
/// Chapter 7 compares output activations: sigmoid (bounded), ReLU (unbounded,
/// can die), identity, and clipped to [0, 1].
public struct Autoencoder: Model {
    /// Maps inputs to codes.
    public var encoder: Sequential
    /// Maps codes to reconstructions; its last activation is the output activation.
    public var decoder: Sequential

    /// Wraps an existing encoder and decoder.
    public init(encoder: Sequential, decoder: Sequential) {
        self.encoder = encoder
        self.decoder = decoder
    }

    /// Dense layers `inputs → hidden… → code → reversed hidden… → inputs`,
    /// `hiddenActivation` everywhere except the output layer.
    public init(inputs: Int, hidden: [Int] = [], code: Int, hiddenActivation: Activation = .relu,
                outputActivation: Activation, generator: inout SeededGenerator) {
        let encoderSizes = [inputs] + hidden + [code]
        let decoderSizes = [code] + hidden.reversed() + [inputs]
        encoder = .multilayerPerceptron(
            sizes: encoderSizes, activations: Array(repeating: hiddenActivation, count: encoderSizes.count - 1),
            generator: &generator)
        decoder = .multilayerPerceptron(
            sizes: decoderSizes,
            activations: Array(repeating: hiddenActivation, count: decoderSizes.count - 2) + [outputActivation],
            generator: &generator)
    }

    /// The code for `input`.
    public func encode(_ input: Tensor<Double>) -> Tensor<Double> { encoder(input) }

    /// The reconstruction of `code`.
    public func decode(_ code: Tensor<Double>) -> Tensor<Double> { decoder(code) }

    /// Encoder parameters, then decoder parameters.
    public var parameters: [Double] {
        get { encoder.parameters + decoder.parameters }
        set {
            let split = encoder.parameters.count
            encoder.parameters = Array(newValue[..<split])
            decoder.parameters = Array(newValue[split...])
        }
    }

    public func callAsFunction(_ input: Tensor<Double>) -> Tensor<Double> {
        decoder(encoder(input))
    }

    public func backward(input: Tensor<Double>, outputGradient: Tensor<Double>) -> (input: Tensor<Double>, parameters: [Double]) {
        let code = encoder(input)
        let decoded = decoder.backward(input: code, outputGradient: outputGradient)
        let encoded = encoder.backward(input: input, outputGradient: decoded.input)
        return (encoded.input, encoded.parameters + decoded.parameters)
    }
}
