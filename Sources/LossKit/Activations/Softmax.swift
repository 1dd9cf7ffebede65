import RealModule

// Softmax and log-softmax over one axis of a tensor, shifted by the maximum so
// that exp never sees a positive argument (the log-sum-exp trick).

/// Splits a shape around `axis` into (outer, extent, inner) loop bounds.
@inlinable
func axisSplit(_ shape: [Int], axis: Int) -> (outer: Int, extent: Int, inner: Int) {
    precondition(axis >= 0 && axis < shape.count, "axis \(axis) out of range for shape \(shape)")
    return (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
}

/// log softmax along `axis`: (x − m) − log Σ exp(x − m) with m the maximum.
@inlinable
public func logSoftmax<S>(_ x: Tensor<S>, axis: Int) -> Tensor<S> {
    let (outer, extent, inner) = axisSplit(x.shape, axis: axis)
    var out = x.scalars
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * extent * inner + i
            var m = -S.infinity
            for c in 0..<extent { m = Swift.max(m, x.scalars[base + c * inner]) }
            var s: S = 0
            for c in 0..<extent { s += S.exp(x.scalars[base + c * inner] - m) }
            let logS = S.log(s)
            for c in 0..<extent { out[base + c * inner] = (x.scalars[base + c * inner] - m) - logS }
        }
    }
    return Tensor(shape: x.shape, scalars: out)
}

/// softmax along `axis`, computed as exp of the stable log-softmax.
@inlinable
public func softmax<S>(_ x: Tensor<S>, axis: Int) -> Tensor<S> {
    var y = logSoftmax(x, axis: axis)
    for k in y.scalars.indices { y.scalars[k] = S.exp(y.scalars[k]) }
    return y
}

/// Backward pass of softmax: given p = softmax(x) and g = ∂L/∂p, returns
/// ∂L/∂x = p ⊙ (g − Σ_c g_c p_c) along `axis`.
@inlinable
public func softmaxBackward<S>(output p: Tensor<S>, gradient g: Tensor<S>, axis: Int) -> Tensor<S> {
    let (outer, extent, inner) = axisSplit(p.shape, axis: axis)
    var out = g.scalars
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * extent * inner + i
            var dot: S = 0
            for c in 0..<extent { dot += g.scalars[base + c * inner] * p.scalars[base + c * inner] }
            for c in 0..<extent {
                let k = base + c * inner
                out[k] = p.scalars[k] * (g.scalars[k] - dot)
            }
        }
    }
    return Tensor(shape: p.shape, scalars: out)
}

/// Backward pass of log-softmax: given y = logSoftmax(x) and g = ∂L/∂y, returns
/// ∂L/∂x = g − exp(y) Σ_c g_c along `axis`.
@inlinable
public func logSoftmaxBackward<S>(output y: Tensor<S>, gradient g: Tensor<S>, axis: Int) -> Tensor<S> {
    let (outer, extent, inner) = axisSplit(y.shape, axis: axis)
    var out = g.scalars
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * extent * inner + i
            var total: S = 0
            for c in 0..<extent { total += g.scalars[base + c * inner] }
            for c in 0..<extent {
                let k = base + c * inner
                out[k] = g.scalars[k] - S.exp(y.scalars[k]) * total
            }
        }
    }
    return Tensor(shape: y.shape, scalars: out)
}
