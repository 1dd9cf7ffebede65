import RealModule

/// A differentiable map from one `Double` tensor to another, with flat parameters.
///
/// Backward passes are written by hand and checked against central
/// differences in the tests. Parameters flatten to `[Double]` so that any
/// ``Optimizer`` can update any model.
public protocol Model: Sendable {
    /// All trainable parameters, flattened in a fixed documented order.
    var parameters: [Double] { get set }

    /// The forward pass.
    func callAsFunction(_ input: Tensor<Double>) -> Tensor<Double>

    /// Gradients of Σ(outputGradient ⊙ self(input)) with respect to the input
    /// and the parameters (same order as ``parameters``).
    func backward(input: Tensor<Double>, outputGradient: Tensor<Double>) -> (input: Tensor<Double>, parameters: [Double])
}

/// PyTorch's default initial range for Linear and Conv2d (kaiming_uniform with
/// a = √5, which reduces to ±1/√fan_in for weights and biases alike).
func defaultInitialization(count: Int, fanIn: Int, generator: inout SeededGenerator) -> [Double] {
    let bound = 1 / Double(fanIn).squareRoot()
    return (0..<count).map { _ in generator.uniform(-bound, bound) }
}
