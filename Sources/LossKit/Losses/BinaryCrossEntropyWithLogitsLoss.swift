import RealModule

/// Sigmoid plus binary cross-entropy in one stable step, PyTorch's `nn.BCEWithLogitsLoss`.
///
/// `l = w·[(1 − y)·x − (1 + (p − 1)·y)·log σ(x)]` with log σ(x) = min(x, 0) −
/// log1p(e^(−|x|)), so no logit overflows. `weight` (w) and `positiveWeight`
/// (p) broadcast along the last axis: one entry per output class.
public struct BinaryCrossEntropyWithLogitsLoss: Sendable {
    /// Per-class rescaling of every term, or nil for ones.
    public var weight: [Double]?
    /// Per-class weight of the positive term, or nil for ones.
    public var positiveWeight: [Double]?
    /// How per-element losses combine; `.mean` averages over all elements.
    public var reduction: Reduction

    /// Same arguments and defaults as PyTorch (`pos_weight` is `positiveWeight`).
    public init(weight: [Double]? = nil, positiveWeight: [Double]? = nil, reduction: Reduction = .mean) {
        self.weight = weight
        self.positiveWeight = positiveWeight
        self.reduction = reduction
    }

    /// Loss for targets in [0, 1] shaped like the logits, and ∂(Σ value.scalars)/∂logits.
    @inlinable
    public func valueAndGradient<S>(logits: Tensor<S>, targets: Tensor<S>) -> (value: Tensor<S>, gradient: Tensor<S>) {
        precondition(targets.shape == logits.shape, "targets \(targets.shape) must match logits \(logits.shape)")
        let w = LastAxisBroadcast(weight, shape: logits.shape, name: "weight")
        let pw = LastAxisBroadcast(positiveWeight, shape: logits.shape, name: "positiveWeight")
        var perElement = [S](repeating: 0, count: logits.count)
        var gradient = [S](repeating: 0, count: logits.count)
        for k in 0..<logits.count {
            let x = logits.scalars[k]
            let y = targets.scalars[k]
            let wk: S = w?[k, as: S.self] ?? 1
            let pk: S = pw?[k, as: S.self] ?? 1
            let logWeight = 1 + (pk - 1) * y
            perElement[k] = wk * ((1 - y) * x - logWeight * logSigmoid(x))
            // d/dx = w·[(1 − y) − L·(1 − σ(x))] = w·[L·σ(x) − p·y].
            gradient[k] = wk * (logWeight * sigmoid(x) - pk * y)
        }
        let reduced = reduction.apply(perElement, shape: logits.shape, denominator: S(logits.count))
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: logits.shape, scalars: gradient))
    }
}
