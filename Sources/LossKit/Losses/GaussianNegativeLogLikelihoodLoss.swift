import RealModule

/// Negative log-likelihood of targets under N(prediction, 1/β), β the precision.
///
/// Per element `l = β/2·(t − y)² − ½·log β + ½·log 2π`, so the summed loss is
/// Bishop's β/2·Σ(t − y)² − N/2·log β + N/2·log 2π. It equals PyTorch's
/// `GaussianNLLLoss(full=True)` with `var = 1/β`. For fixed β, minimising it
/// over predictions is minimising squared error.
public struct GaussianNegativeLogLikelihoodLoss: Sendable {
    /// The noise precision β = 1/σ², positive.
    public var precision: Double
    /// How per-element losses combine; `.mean` averages over all elements.
    public var reduction: Reduction

    /// A loss with noise precision `precision` (β).
    public init(precision: Double, reduction: Reduction = .mean) {
        precondition(precision > 0, "precision β must be positive")
        self.precision = precision
        self.reduction = reduction
    }

    /// The maximum-likelihood precision for residuals t − y: 1/β = mean squared residual.
    @inlinable
    public static func maximumLikelihoodPrecision<S>(predictions: Tensor<S>, targets: Tensor<S>) -> S {
        var total: S = 0
        for k in 0..<predictions.count {
            let d = targets.scalars[k] - predictions.scalars[k]
            total += d * d
        }
        return S(predictions.count) / total
    }

    /// Loss, ∂(Σ value.scalars)/∂predictions, and ∂(Σ value.scalars)/∂β.
    @inlinable
    public func valueAndGradient<S>(predictions: Tensor<S>, targets: Tensor<S>)
        -> (value: Tensor<S>, gradient: Tensor<S>, precisionGradient: S)
    {
        precondition(targets.shape == predictions.shape, "targets \(targets.shape) must match \(predictions.shape)")
        let beta = S(precision)
        let constant = (S.log(2 * S.pi) - S.log(beta)) / 2
        var perElement = [S](repeating: 0, count: predictions.count)
        var gradient = [S](repeating: 0, count: predictions.count)
        var precisionGradient: S = 0
        for k in 0..<predictions.count {
            let d = predictions.scalars[k] - targets.scalars[k]
            perElement[k] = beta / 2 * d * d + constant
            gradient[k] = beta * d
            precisionGradient += d * d / 2 - 1 / (2 * beta)
        }
        let reduced = reduction.apply(perElement, shape: predictions.shape, denominator: S(predictions.count))
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: predictions.shape, scalars: gradient), precisionGradient * reduced.gradientScale)
    }
}
