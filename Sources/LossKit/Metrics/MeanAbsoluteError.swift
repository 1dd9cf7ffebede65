/// Mean of |x − y| over all elements.
@inlinable
public func meanAbsoluteError<S>(predictions: Tensor<S>, targets: Tensor<S>) -> S {
    precondition(predictions.shape == targets.shape, "shapes differ")
    var total: S = 0
    for k in 0..<predictions.count { total += abs(predictions.scalars[k] - targets.scalars[k]) }
    return total / S(predictions.count)
}
