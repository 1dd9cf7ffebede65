import RealModule

/// An element-wise activation with its derivative, as used by the models.
public enum Activation: Sendable, Hashable {
    /// f(x) = x.
    case identity
    /// f(x) = σ(x), bounded in (0, 1).
    case sigmoid
    /// f(x) = max(x, 0); derivative 0 at x = 0 as in PyTorch.
    case relu
    /// f(x) = tanh x.
    case tanh
    /// f(x) = min(max(x, lower), upper): a ReLU bounded above (hardtanh-like);
    /// derivative 1 strictly inside the interval, 0 outside.
    case clipped(lower: Double, upper: Double)

    /// f(x).
    @inlinable
    public func callAsFunction<S: Real & BinaryFloatingPoint>(_ x: S) -> S {
        switch self {
        case .identity: return x
        case .sigmoid: return LossKit.sigmoid(x)
        case .relu: return x > 0 ? x : 0
        case .tanh: return S.tanh(x)
        case .clipped(let lower, let upper): return Swift.min(Swift.max(x, S(lower)), S(upper))
        }
    }

    /// f′(x), given the input `x` and the already computed output `y = f(x)`.
    @inlinable
    public func derivative<S: Real & BinaryFloatingPoint>(input x: S, output y: S) -> S {
        switch self {
        case .identity: return 1
        case .sigmoid: return y * (1 - y)
        case .relu: return x > 0 ? 1 : 0
        case .tanh: return 1 - y * y
        case .clipped(let lower, let upper): return x > S(lower) && x < S(upper) ? 1 : 0
        }
    }

    /// f applied to every element.
    @inlinable
    public func callAsFunction<S>(_ x: Tensor<S>) -> Tensor<S> {
        Tensor(shape: x.shape, scalars: x.scalars.map { self($0) })
    }
}
