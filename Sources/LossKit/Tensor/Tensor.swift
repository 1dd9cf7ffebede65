import RealModule

/// A dense row-major array of `Float` or `Double` with a shape.
///
/// Plain data on purpose: losses and models read `scalars` with index
/// arithmetic, so there is no view, stride or copy-on-write machinery beyond
/// what `Array` already gives. A shape of `[]` holds one scalar.
public struct Tensor<Scalar: Real & BinaryFloatingPoint & Sendable>: Sendable, Equatable {
    /// Extent of each axis, outermost first.
    public var shape: [Int]
    /// The elements in row-major order; `scalars.count` is the product of `shape`.
    public var scalars: [Scalar]

    /// Wraps `scalars` laid out row-major in `shape`.
    @inlinable
    public init(shape: [Int], scalars: [Scalar]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor shape \(shape) has a negative extent")
        precondition(
            shape.reduce(1, *) == scalars.count,
            "Tensor shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.shape = shape
        self.scalars = scalars
    }

    /// A tensor of `shape` with every element equal to `value`.
    @inlinable
    public init(repeating value: Scalar, shape: [Int]) {
        self.init(shape: shape, scalars: Array(repeating: value, count: shape.reduce(1, *)))
    }

    /// A rank-0 tensor (shape `[]`) holding `value`.
    @inlinable
    public init(scalar value: Scalar) {
        self.init(shape: [], scalars: [value])
    }

    /// Number of elements.
    @inlinable
    public var count: Int { scalars.count }

    /// Number of axes.
    @inlinable
    public var rank: Int { shape.count }

    /// The same elements converted to another precision.
    @inlinable
    public func converted<Other>(to _: Other.Type = Other.self) -> Tensor<Other> {
        Tensor<Other>(shape: shape, scalars: scalars.map { Other($0) })
    }

    /// The same elements under another shape with the same element count.
    @inlinable
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, scalars: scalars)
    }
}
