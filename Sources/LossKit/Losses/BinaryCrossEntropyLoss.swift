import RealModule

/// Binary cross-entropy on probabilities, PyTorch's `nn.BCELoss`.
///
/// Each log is clamped at −100, so a probability of exactly 0 or 1 gives a
/// large finite loss instead of inf. The gradient is PyTorch's backward,
/// `w·(x − y) / max(x(1 − x), ε)` with ε = Float(1e−12), which is what training with this loss
/// in PyTorch actually uses (it is not the derivative of the clamp).
public struct BinaryCrossEntropyLoss: Sendable {
    /// Per-class rescaling (broadcast along the last axis), or nil for ones.
    public var weight: [Double]?
    /// How per-element losses combine; `.mean` averages over all elements.
    public var reduction: Reduction

    /// Same arguments and defaults as PyTorch.
    public init(weight: [Double]? = nil, reduction: Reduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }

    /// Loss for probabilities in [0, 1] and targets of the same shape, and its gradient.
    @inlinable
    public func valueAndGradient<S>(probabilities: Tensor<S>, targets: Tensor<S>) -> (value: Tensor<S>, gradient: Tensor<S>) {
        precondition(targets.shape == probabilities.shape, "targets \(targets.shape) must match \(probabilities.shape)")
        let w = LastAxisBroadcast(weight, shape: probabilities.shape, name: "weight")
        var perElement = [S](repeating: 0, count: probabilities.count)
        var gradient = [S](repeating: 0, count: probabilities.count)
        let floor: S = -100
        // PyTorch's EPSILON is the Float literal 1e-12f, widened (≈ 9.999999960e-13).
        let epsilon = S(Float(1e-12))
        for k in 0..<probabilities.count {
            let x = probabilities.scalars[k]
            let y = targets.scalars[k]
            let wk: S = w?[k, as: S.self] ?? 1
            let logX = Swift.max(S.log(x), floor)
            let logOneMinusX = Swift.max(S.log(1 - x), floor)
            perElement[k] = -wk * (y * logX + (1 - y) * logOneMinusX)
            gradient[k] = wk * (x - y) / Swift.max((1 - x) * x, epsilon)
        }
        let reduced = reduction.apply(perElement, shape: probabilities.shape, denominator: S(probabilities.count))
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: probabilities.shape, scalars: gradient))
    }
}
