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
    ///
    /// Float and Double with at least one vector of spatial positions
    /// (`d1·…·dk ≥ 16` Float or `≥ 8` Double positions with AVX-512, 8 and 4
    /// otherwise) take the fused SIMD kernel (`fusedValueAndGradient`), compiled
    /// inside LossKit; anything else, and the last few positions of each row,
    /// the scalar path below. Both give every option of PyTorch.
    @inlinable
    @_specialize(where S == Float)
    @_specialize(where S == Double)
    public func valueAndGradient<S>(logits: Tensor<S>, targets: [Int]) -> (value: Tensor<S>, gradient: Tensor<S>) {
        let layout = ClassAxisLayout(shape: logits.shape)
        precondition(targets.count == layout.elementCount,
                     "expected \(layout.elementCount) targets for logits \(logits.shape), got \(targets.count)")
        if S.self == Float.self,
           let r = fusedValueAndGradient(logits: unsafeBitCast(logits, to: Tensor<Float>.self), targets: targets) {
            return (unsafeBitCast(r.value, to: Tensor<S>.self), unsafeBitCast(r.gradient, to: Tensor<S>.self))
        }
        if S.self == Double.self,
           let r = fusedValueAndGradient(logits: unsafeBitCast(logits, to: Tensor<Double>.self), targets: targets) {
            return (unsafeBitCast(r.value, to: Tensor<S>.self), unsafeBitCast(r.gradient, to: Tensor<S>.self))
        }
        return scalarValueAndGradient(logits: logits, targets: targets)
    }

    /// The scalar path: one element at a time, every option, any precision.
    @inlinable
    func scalarValueAndGradient<S>(logits: Tensor<S>, targets: [Int]) -> (value: Tensor<S>, gradient: Tensor<S>) {
        let layout = ClassAxisLayout(shape: logits.shape)
        let w = classWeights(S.self, classes: layout.classes)
        let plan = ClassIndexPlan(self, targets: targets, classes: layout.classes, weights: w)
        var perElement = [S](repeating: 0, count: reduction == .none ? layout.elementCount : 0)
        var gradient = [S](repeating: 0, count: logits.count)
        var total = 0.0
        logits.scalars.withUnsafeBufferPointer { x in
            gradient.withUnsafeMutableBufferPointer { g in
                perElement.withUnsafeMutableBufferPointer { l in
                    for element in 0..<layout.elementCount {
                        let n = element / layout.inner, i = element - n * layout.inner
                        let offset = n * layout.classes * layout.inner + i
                        let loss = elementLossAndGradient(
                            logits: x.baseAddress! + offset, gradient: g.baseAddress! + offset, stride: layout.inner,
                            target: targets[element], plan: plan)
                        if l.count > 0 { l[element] = loss } else { total += Double(loss) }
                    }
                }
            }
        }
        return (plan.reduced(perElement: perElement, total: total, shape: layout.elementShape(from: logits.shape)),
                Tensor(shape: logits.shape, scalars: gradient))
    }

    // region: pixelwise
    /// One element's loss, writing its C gradient entries (stride `stride`) already scaled by the reduction.
    ///
    /// With `p = softmax(x)`, `y` the target and `ε/C` the smoothing share:
    /// `l = (1−ε)·(−w_y log p_y) + (ε/C)·Σ_c −w_c log p_c` and
    /// `∂l/∂x_c = (1−ε)·w_y·(p_c − [c = y]) + (ε/C)·(p_c·Σ_k w_k − w_c)`.
    @inlinable
    func elementLossAndGradient<S: Real & BinaryFloatingPoint>(
        logits x: UnsafePointer<S>, gradient g: UnsafeMutablePointer<S>, stride: Int, target y: Int,
        plan: ClassIndexPlan<S>
    ) -> S {
        let classes = plan.weights.count
        if y == ignoreIndex {
            for c in 0..<classes { g[c * stride] = 0 }
            return 0
        }
        // Shift by the maximum so that logits of ±1e4 (Float) or 1e300 (Double) stay finite.
        var m = -S.infinity
        for c in 0..<classes { m = Swift.max(m, x[c * stride]) }
        var s: S = 0
        var weightedShifted: S = 0
        for c in 0..<classes {
            let e = S.exp(x[c * stride] - m)
            g[c * stride] = e
            s += e
            weightedShifted += plan.weights[c] * (x[c * stride] - m)
        }
        let logS = S.log(s)
        let wy = plan.weights[y]
        // log p_c = (x_c − m) − log s.
        let hard = -wy * (x[y * stride] - m - logS)
        let smooth = plan.weightTotal * logS - weightedShifted
        let pScale = plan.scale * ((1 - plan.epsilon) * wy + plan.smoothing * plan.weightTotal) / s
        for c in 0..<classes { g[c * stride] = g[c * stride] * pScale - plan.scale * plan.smoothing * plan.weights[c] }
        g[y * stride] -= plan.scale * (1 - plan.epsilon) * wy
        return (1 - plan.epsilon) * hard + plan.smoothing * smooth
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
