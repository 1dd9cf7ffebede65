import RealModule

/// Cross-entropy computed the way not to: softmax first, then `log`.
///
/// Kept for the stability chapter. `exp(x)` overflows for x above ≈ 88.7 in
/// Float and ≈ 709.8 in Double, giving inf/inf = NaN probabilities, and a
/// probability that underflows to 0 gives −log 0 = +inf. Use
/// ``CrossEntropyLoss``, which shifts by the maximum first. Same layout and
/// reductions as ``CrossEntropyLoss`` without weights, ignoring or smoothing.
public struct NaiveSoftmaxCrossEntropy: Sendable {
    /// How per-element losses combine.
    public var reduction: Reduction

    /// A naive loss with the given reduction.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// −log(exp(x_y) / Σ_c exp(x_c)) per element, with gradient p − onehot(y)
    /// from the same unshifted probabilities.
    @inlinable
    public func valueAndGradient<S>(logits: Tensor<S>, targets: [Int]) -> (value: Tensor<S>, gradient: Tensor<S>) {
        let layout = ClassAxisLayout(shape: logits.shape)
        precondition(targets.count == layout.elementCount, "expected \(layout.elementCount) targets")
        var perElement = [S](repeating: 0, count: layout.elementCount)
        var gradient = [S](repeating: 0, count: logits.count)
        for element in 0..<layout.elementCount {
            var total: S = 0
            for c in 0..<layout.classes { total += S.exp(logits.scalars[layout.index(element: element, class: c)]) }
            let y = targets[element]
            for c in 0..<layout.classes {
                let k = layout.index(element: element, class: c)
                let p = S.exp(logits.scalars[k]) / total
                if c == y { perElement[element] = -S.log(p) }
                gradient[k] = p - (c == y ? 1 : 0)
            }
        }
        let reduced = reduction.apply(
            perElement, shape: layout.elementShape(from: logits.shape), denominator: S(layout.elementCount))
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: logits.shape, scalars: gradient))
    }
}
