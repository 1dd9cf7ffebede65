/// Expands an optional per-class vector to one value per element by
/// broadcasting it along the last axis, PyTorch-style.
///
/// Accepts a vector of length 1, of the last extent, or of the full element
/// count; anything else is a programmer error (PyTorch would refuse too).
@usableFromInline
struct LastAxisBroadcast: Sendable {
    @usableFromInline let values: [Double]
    @usableFromInline let period: Int

    @inlinable
    init?(_ values: [Double]?, shape: [Int], name: String) {
        guard let values else { return nil }
        let total = shape.reduce(1, *)
        let last = shape.last ?? 1
        precondition(
            values.count == 1 || values.count == last || values.count == total,
            "\(name) of length \(values.count) does not broadcast to shape \(shape)")
        self.values = values
        period = values.count
    }

    /// The value for the element at flat row-major index `k`.
    @inlinable
    subscript<S: BinaryFloatingPoint>(k: Int, as _: S.Type) -> S {
        S(values[k % period])
    }
}
