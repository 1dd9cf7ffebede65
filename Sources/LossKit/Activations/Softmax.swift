import RealModule

// Softmax and log-softmax over one axis of a tensor, shifted by the maximum so
// that exp never sees a positive argument (the log-sum-exp trick).

/// Calls `body` with the flat indices of every 1-D slice along `axis`.
@inlinable
func forEachSlice(of shape: [Int], axis: Int, _ body: (StrideTo<Int>) -> Void) {
    precondition(axis >= 0 && axis < shape.count, "axis \(axis) out of range for shape \(shape)")
    let (outer, extent, inner) = (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    for o in 0..<outer {
        for i in 0..<inner {
            let base = o * extent * inner + i
            body(stride(from: base, to: base + extent * inner, by: inner))
        }
    }
}

/// log softmax along `axis`: (x − m) − log Σ exp(x − m) with m the maximum.
@inlinable
public func logSoftmax<S>(_ x: Tensor<S>, axis: Int) -> Tensor<S> {
    var out = x.scalars
    forEachSlice(of: x.shape, axis: axis) { slice in
        let m = slice.reduce(-S.infinity) { Swift.max($0, x.scalars[$1]) }
        let logS = S.log(slice.reduce(0) { $0 + S.exp(x.scalars[$1] - m) })
        for k in slice { out[k] = (x.scalars[k] - m) - logS }
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
    var out = g.scalars
    forEachSlice(of: p.shape, axis: axis) { slice in
        let dot = slice.reduce(0) { $0 + g.scalars[$1] * p.scalars[$1] }
        for k in slice { out[k] = p.scalars[k] * (g.scalars[k] - dot) }
    }
    return Tensor(shape: p.shape, scalars: out)
}

/// Backward pass of log-softmax: given y = logSoftmax(x) and g = ∂L/∂y, returns
/// ∂L/∂x = g − exp(y) Σ_c g_c along `axis`.
@inlinable
public func logSoftmaxBackward<S>(output y: Tensor<S>, gradient g: Tensor<S>, axis: Int) -> Tensor<S> {
    var out = g.scalars
    forEachSlice(of: y.shape, axis: axis) { slice in
        let total = slice.reduce(0) { $0 + g.scalars[$1] }
        for k in slice { out[k] = g.scalars[k] - S.exp(y.scalars[k]) * total }
    }
    return Tensor(shape: y.shape, scalars: out)
}
