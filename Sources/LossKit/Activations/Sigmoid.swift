import RealModule

// Scalar logistic functions in forms that neither overflow nor lose the
// small tail: exp is only ever taken of a non-positive number.

/// The logistic function σ(x) = 1 / (1 + e^(−x)), stable for any finite x.
@inlinable
public func sigmoid<S: Real>(_ x: S) -> S {
    if x >= 0 {
        return 1 / (1 + S.exp(-x))
    }
    let e = S.exp(x)
    return e / (1 + e)
}

/// log σ(x) = min(x, 0) − log1p(e^(−|x|)), PyTorch's stable form.
@inlinable
public func logSigmoid<S: Real>(_ x: S) -> S {
    Swift.min(x, 0) - S.log(onePlus: S.exp(-Swift.abs(x)))
}

/// dσ/dx = σ(x)(1 − σ(x)).
@inlinable
public func sigmoidDerivative<S: Real>(_ x: S) -> S {
    let s = sigmoid(x)
    return s * (1 - s)
}

/// d log σ(x)/dx = 1 − σ(x) = σ(−x), computed without the cancellation of 1 − σ.
@inlinable
public func logSigmoidDerivative<S: Real>(_ x: S) -> S {
    sigmoid(-x)
}
