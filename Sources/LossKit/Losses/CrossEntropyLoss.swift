import RealModule

/// Softmax cross-entropy on logits, PyTorch's `nn.CrossEntropyLoss`.
///
/// Logits are `[N, C, d1…dk]` (k ≥ 0), so pixel-wise loss on `[N, C, H, W]`
/// is the same code as plain `[N, C]`. The log-softmax is shifted by the
/// per-element maximum, so logits of ±1e4 (Float) or 1e300 (Double) give
/// finite values and gradients.
public struct CrossEntropyLoss: Sendable {
    /// Per-class weights `w[c]` (length C), or nil for all ones.
    public var weight: [Double]?
    /// Targets equal to this contribute no loss and no gradient.
    public var ignoreIndex: Int
    /// How per-element losses combine.
    public var reduction: Reduction
    /// ε in `(1 − ε)·NLL + (ε/C)·Σ_c −w[c] log p_c`.
    public var labelSmoothing: Double

    /// Same arguments and defaults as PyTorch.
    public init(
        weight: [Double]? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean,
        labelSmoothing: Double = 0
    ) {
        precondition(labelSmoothing >= 0 && labelSmoothing <= 1, "labelSmoothing must be in [0, 1]")
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
        self.labelSmoothing = labelSmoothing
    }

    /// Loss for class-index targets and ∂(Σ value.scalars)/∂logits.
    ///
    /// `targets` holds N·d1…dk class indices in row-major order. `.mean`
    /// divides by Σ w[y_n] over non-ignored elements; when every element is
    /// ignored that is 0/0 = NaN (PyTorch's choice) with a zero gradient.
    // region: pixelwise
    @inlinable
    public func valueAndGradient<S>(logits: Tensor<S>, targets: [Int]) -> (value: Tensor<S>, gradient: Tensor<S>) {
        let layout = ClassAxisLayout(shape: logits.shape)
        precondition(targets.count == layout.elementCount,
                     "expected \(layout.elementCount) targets for logits \(logits.shape), got \(targets.count)")
        let w = classWeights(S.self, classes: layout.classes)
        let weightTotal = w.reduce(0, +)
        let epsilon = S(labelSmoothing)
        let smoothing = epsilon / S(layout.classes)
        var perElement = [S](repeating: 0, count: layout.elementCount)
        var gradient = [S](repeating: 0, count: logits.count)
        var denominator: S = 0
        var logP = [S](repeating: 0, count: layout.classes)
        for element in 0..<layout.elementCount {
            let y = targets[element]
            if y == ignoreIndex { continue }
            precondition(y >= 0 && y < layout.classes, "target \(y) outside 0..<\(layout.classes)")
            logSoftmax(logits.scalars, layout: layout, element: element, into: &logP)
            denominator += w[y]
            var smooth: S = 0
            for c in 0..<layout.classes { smooth -= w[c] * logP[c] }
            perElement[element] = (1 - epsilon) * (-w[y] * logP[y]) + smoothing * smooth
            // ∂/∂x_c of (1−ε)(−w_y log p_y) + (ε/C)(−Σ w_k log p_k).
            for c in 0..<layout.classes {
                let p = S.exp(logP[c])
                let hard = w[y] * (p - (c == y ? 1 : 0))
                let soft = p * weightTotal - w[c]
                gradient[layout.index(element: element, class: c)] = (1 - epsilon) * hard + smoothing * soft
            }
        }
        let reduced = reduction.apply(perElement, shape: layout.elementShape(from: logits.shape), denominator: denominator)
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: logits.shape, scalars: gradient))
    }
    // endregion

    /// Loss for probability ("soft") targets shaped like the logits, and its gradient.
    ///
    /// `l_n = −Σ_c w[c]·t_{n,c}·log p_{n,c}` with `t` smoothed to
    /// `(1 − ε)·t + ε/C`; `.mean` divides by the element count N·d1…dk, not by weights.
    @inlinable
    public func valueAndGradient<S>(logits: Tensor<S>, probabilities targets: Tensor<S>) -> (value: Tensor<S>, gradient: Tensor<S>) {
        precondition(targets.shape == logits.shape, "soft targets \(targets.shape) must match logits \(logits.shape)")
        let layout = ClassAxisLayout(shape: logits.shape)
        let w = classWeights(S.self, classes: layout.classes)
        let epsilon = S(labelSmoothing)
        let smoothing = epsilon / S(layout.classes)
        var perElement = [S](repeating: 0, count: layout.elementCount)
        var gradient = [S](repeating: 0, count: logits.count)
        var logP = [S](repeating: 0, count: layout.classes)
        var t = [S](repeating: 0, count: layout.classes)
        for element in 0..<layout.elementCount {
            logSoftmax(logits.scalars, layout: layout, element: element, into: &logP)
            var loss: S = 0
            var mass: S = 0
            for c in 0..<layout.classes {
                t[c] = targets.scalars[layout.index(element: element, class: c)] * (1 - epsilon) + smoothing
                loss -= w[c] * t[c] * logP[c]
                mass += w[c] * t[c]
            }
            perElement[element] = loss
            // ∂/∂x_c of −Σ_k w_k t_k log p_k = p_c·Σ_k w_k t_k − w_c t_c.
            for c in 0..<layout.classes {
                gradient[layout.index(element: element, class: c)] = S.exp(logP[c]) * mass - w[c] * t[c]
            }
        }
        let reduced = reduction.apply(
            perElement, shape: layout.elementShape(from: logits.shape), denominator: S(layout.elementCount))
        for k in gradient.indices { gradient[k] *= reduced.gradientScale }
        return (reduced.value, Tensor(shape: logits.shape, scalars: gradient))
    }

    @inlinable
    func classWeights<S: BinaryFloatingPoint>(_: S.Type, classes: Int) -> [S] {
        guard let weight else { return Array(repeating: 1, count: classes) }
        precondition(weight.count == classes, "weight has \(weight.count) entries for \(classes) classes")
        return weight.map { S($0) }
    }

    /// Stable log-softmax of one element's C logits: (x − m) − log Σ exp(x − m).
    @inlinable
    func logSoftmax<S: Real>(_ x: [S], layout: ClassAxisLayout, element: Int, into out: inout [S]) {
        var m = -S.infinity
        for c in 0..<layout.classes { m = Swift.max(m, x[layout.index(element: element, class: c)]) }
        var s: S = 0
        for c in 0..<layout.classes {
            out[c] = x[layout.index(element: element, class: c)] - m
            s += S.exp(out[c])
        }
        let logS = S.log(s)
        for c in 0..<layout.classes { out[c] -= logS }
    }
}
