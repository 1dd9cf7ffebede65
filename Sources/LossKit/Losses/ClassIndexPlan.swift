import RealModule

/// What every element of a class-index cross-entropy needs, computed once per call.
///
/// The reduction's denominator Σ w[y_n] depends on all targets, so one pass
/// over the targets (which also validates them) comes first; after it the
/// gradient can be written scaled, in the same sweep as the loss.
@usableFromInline
struct ClassIndexPlan<S: Real & BinaryFloatingPoint & Sendable> {
    /// Per-class weights `w[c]`.
    @usableFromInline let weights: [S]
    /// Σ_c w[c].
    @usableFromInline let weightTotal: S
    /// Whether every weight is 1 (no `weight:` given).
    @usableFromInline let unweighted: Bool
    /// Label smoothing ε.
    @usableFromInline let epsilon: S
    /// ε / C.
    @usableFromInline let smoothing: S
    /// Σ w[y_n] over non-ignored elements.
    @usableFromInline let denominator: S
    /// The factor every per-element gradient is multiplied by.
    @usableFromInline let scale: S
    @usableFromInline let reduction: Reduction

    @inlinable
    init(_ loss: CrossEntropyLoss, targets: [Int], classes: Int, weights: [S]) {
        self.weights = weights
        weightTotal = weights.reduce(0, +)
        unweighted = loss.weight == nil
        epsilon = S(loss.labelSmoothing)
        smoothing = epsilon / S(classes)
        reduction = loss.reduction
        var counted = 0
        var weighted = 0.0
        for y in targets where y != loss.ignoreIndex {
            precondition(y >= 0 && y < classes, "target \(y) outside 0..<\(classes)")
            counted += 1
            weighted += Double(weights[y])
        }
        denominator = unweighted ? S(counted) : S(weighted)
        // Reduction.apply holds the rule (a zero denominator gives a zero gradient); ask it for the scale alone.
        scale = reduction.apply([S](), shape: [0], denominator: denominator).gradientScale
    }

    /// The returned value: `perElement` for `.none`, else the summed `total` reduced.
    @inlinable
    func reduced(perElement: [S], total: Double, shape: [Int]) -> Tensor<S> {
        reduction == .none
            ? reduction.apply(perElement, shape: shape, denominator: denominator).value
            : reduction.apply([S(total)], shape: [], denominator: denominator).value
    }
}
