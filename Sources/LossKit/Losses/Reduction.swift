/// How per-element losses combine into the returned value, as in PyTorch's `reduction=`.
public enum Reduction: Sendable, Hashable, CaseIterable {
    /// Keep one loss per element.
    case none
    /// Add the per-element losses into a scalar.
    case sum
    /// Divide the sum by the loss's denominator (element count, or summed class weights).
    case mean
}

extension Reduction {
    /// Reduces `perElement` (shaped `shape`) and gives the factor every
    /// per-element gradient is multiplied by.
    ///
    /// One place for the rule all losses share, so `.mean` with a zero
    /// denominator behaves the same everywhere: the value is 0/0 = NaN, as in
    /// PyTorch, while the gradient stays zero because no element counted.
    @inlinable
    func apply<S>(_ perElement: [S], shape: [Int], denominator: S) -> (value: Tensor<S>, gradientScale: S) {
        switch self {
        case .none:
            return (Tensor(shape: shape, scalars: perElement), 1)
        case .sum:
            return (Tensor(scalar: perElement.reduce(0, +)), 1)
        case .mean:
            let total = perElement.reduce(0, +)
            return (Tensor(scalar: total / denominator), denominator == 0 ? 0 : 1 / denominator)
        }
    }
}
