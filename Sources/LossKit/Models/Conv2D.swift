import RealModule

/// A stride-1 "same" convolution on `[N, C, H, W]` (cross-correlation, as `torch.nn.Conv2d`).
///
/// Zero padding of kernelSize/2 keeps H × W. With `kernelSize: 1` it is the
/// per-pixel classifier of chapter 1: one dense layer applied at every pixel.
/// Parameters: weights `[out, in, k, k]` row-major (PyTorch's layout), then biases.
public struct Conv2D: Model {
    /// Channels C of the input.
    public let inputChannels: Int
    /// Channels of the output.
    public let outputChannels: Int
    /// Odd kernel side k.
    public let kernelSize: Int
    /// Applied after the convolution.
    public var activation: Activation
    /// Weights (`[out, in, k, k]` row-major), then biases.
    public var parameters: [Double]

    /// A convolution with PyTorch's default uniform ±1/√(in·k·k) initialisation.
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, activation: Activation = .identity,
                generator: inout SeededGenerator) {
        let weights = outputChannels * inputChannels * kernelSize * kernelSize
        self.init(inputChannels: inputChannels, outputChannels: outputChannels, kernelSize: kernelSize,
                  activation: activation,
                  parameters: defaultInitialization(count: weights + outputChannels,
                                                    fanIn: inputChannels * kernelSize * kernelSize, generator: &generator))
    }

    /// A convolution with the given flat parameters (weights then biases).
    public init(inputChannels: Int, outputChannels: Int, kernelSize: Int, activation: Activation = .identity,
                parameters: [Double]) {
        precondition(kernelSize % 2 == 1, "odd kernel sizes keep 'same' padding symmetric")
        precondition(parameters.count == outputChannels * inputChannels * kernelSize * kernelSize + outputChannels,
                     "wrong Conv2D parameter count")
        self.inputChannels = inputChannels
        self.outputChannels = outputChannels
        self.kernelSize = kernelSize
        self.activation = activation
        self.parameters = parameters
    }

    /// The per-pixel linear classifier: a 1×1 convolution from `features` channels to `classes` logits.
    public static func perPixelClassifier(features: Int, classes: Int, generator: inout SeededGenerator) -> Conv2D {
        Conv2D(inputChannels: features, outputChannels: classes, kernelSize: 1, generator: &generator)
    }

    var biasOffset: Int { outputChannels * inputChannels * kernelSize * kernelSize }

    func weightIndex(_ o: Int, _ i: Int, _ dy: Int, _ dx: Int) -> Int {
        ((o * inputChannels + i) * kernelSize + dy) * kernelSize + dx
    }

    /// Visits every (output index, input index, weight index) triple with an in-bounds input pixel.
    func forEachTap(shape: [Int], _ body: (_ out: Int, _ input: Int, _ weight: Int) -> Void) {
        let (n, h, w) = (shape[0], shape[2], shape[3])
        let pad = kernelSize / 2
        for b in 0..<n {
            for o in 0..<outputChannels {
                for y in 0..<h {
                    for x in 0..<w {
                        let out = ((b * outputChannels + o) * h + y) * w + x
                        for i in 0..<inputChannels {
                            for dy in 0..<kernelSize {
                                let sy = y + dy - pad
                                if sy < 0 || sy >= h { continue }
                                for dx in 0..<kernelSize {
                                    let sx = x + dx - pad
                                    if sx < 0 || sx >= w { continue }
                                    body(out, ((b * inputChannels + i) * h + sy) * w + sx, weightIndex(o, i, dy, dx))
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The convolution plus bias, before the activation.
    public func preActivation(_ input: Tensor<Double>) -> Tensor<Double> {
        precondition(input.rank == 4 && input.shape[1] == inputChannels,
                     "Conv2D expects [N, \(inputChannels), H, W], got \(input.shape)")
        let (n, h, w) = (input.shape[0], input.shape[2], input.shape[3])
        var z = [Double](repeating: 0, count: n * outputChannels * h * w)
        for k in z.indices { z[k] = parameters[biasOffset + (k / (h * w)) % outputChannels] }
        forEachTap(shape: input.shape) { out, source, weight in
            z[out] += parameters[weight] * input.scalars[source]
        }
        return Tensor(shape: [n, outputChannels, h, w], scalars: z)
    }

    public func callAsFunction(_ input: Tensor<Double>) -> Tensor<Double> {
        activation(preActivation(input))
    }

    public func backward(input: Tensor<Double>, outputGradient g: Tensor<Double>) -> (input: Tensor<Double>, parameters: [Double]) {
        let z = preActivation(input)
        let (h, w) = (input.shape[2], input.shape[3])
        var dz = g.scalars
        for k in dz.indices { dz[k] *= activation.derivative(input: z.scalars[k], output: activation(z.scalars[k])) }
        var dParameters = [Double](repeating: 0, count: parameters.count)
        for k in dz.indices { dParameters[biasOffset + (k / (h * w)) % outputChannels] += dz[k] }
        var dInput = [Double](repeating: 0, count: input.count)
        forEachTap(shape: input.shape) { out, source, weight in
            dParameters[weight] += dz[out] * input.scalars[source]
            dInput[source] += dz[out] * parameters[weight]
        }
        return (Tensor(shape: input.shape, scalars: dInput), dParameters)
    }
}
