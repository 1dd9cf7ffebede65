/// Squared error (x − y)², PyTorch's `nn.MSELoss`.
public struct MeanSquaredErrorLoss: Sendable {
    /// How per-element losses combine; `.mean` averages over all elements.
    public var reduction: Reduction

    /// Same default as PyTorch.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// Loss and ∂(Σ value.scalars)/∂predictions = 2(x − y)·scale.
    @inlinable
    public func valueAndGradient<S>(predictions: Tensor<S>, targets: Tensor<S>) -> (value: Tensor<S>, gradient: Tensor<S>) {
        precondition(targets.shape == predictions.shape, "targets \(targets.shape) must match \(predictions.shape)")
        var perElement = [S](repeating: 0, count: predictions.count)
        var gradient = [S](repeating: 0, count: predictions.count)
        for k in 0..<predictions.count {
            let d = predictions.scalars[k] - targets.scalars[k]
            perElement[k] = d * d
            gradient[k] = 2 * d
        }
        let reduced = reduction.apply(perElement, shape: predictions.shape, denominator: S(predictions.count))
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: predictions.shape, scalars: gradient))
    }
}
