/// Index arithmetic for tensors shaped `[N, C, d1, …, dk]`, where axis 1 holds classes.
///
/// Cross-entropy and the per-pixel models share it so that "pixel-wise CE on
/// [N, C, H, W] equals CE on [N·H·W, C]" is true by construction of one
/// indexing rule.
public struct ClassAxisLayout: Sendable, Equatable {
    /// Batch size N.
    public let batch: Int
    /// Number of classes C.
    public let classes: Int
    /// Product of the trailing extents d1…dk (1 when k = 0).
    public let inner: Int

    /// Reads N, C and the trailing extents from a shape of rank at least 2.
    @inlinable
    public init(shape: [Int]) {
        precondition(shape.count >= 2, "expected [N, C, d1…dk], got shape \(shape)")
        batch = shape[0]
        classes = shape[1]
        inner = shape.dropFirst(2).reduce(1, *)
    }

    /// Number of class distributions: N·d1·…·dk.
    @inlinable
    public var elementCount: Int { batch * inner }

    /// Shape of one value per distribution: `[N, d1, …, dk]`.
    @inlinable
    public func elementShape(from shape: [Int]) -> [Int] {
        [shape[0]] + shape.dropFirst(2)
    }

    /// Flat index of the logit for `element` (row-major over [N, d1…dk]) and class `c`.
    @inlinable
    public func index(element: Int, class c: Int) -> Int {
        let n = element / inner
        let i = element - n * inner
        return (n * classes + c) * inner + i
    }
}
