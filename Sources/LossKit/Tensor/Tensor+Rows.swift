extension Tensor {
    /// The slices `self[i]` along axis 0 for each of `indices`, stacked in that order.
    ///
    /// Mini-batches are built this way, so any per-example layout
    /// (`[N, D]`, `[N, C, H, W]`) batches the same.
    @inlinable
    public func rows(_ indices: [Int]) -> Tensor {
        precondition(!shape.isEmpty, "a rank-0 tensor has no rows")
        let rowSize = shape.dropFirst().reduce(1, *)
        var out: [Scalar] = []
        out.reserveCapacity(indices.count * rowSize)
        for i in indices {
            precondition(i >= 0 && i < shape[0], "row \(i) out of range 0..<\(shape[0])")
            out.append(contentsOf: scalars[(i * rowSize)..<((i + 1) * rowSize)])
        }
        return Tensor(shape: [indices.count] + shape.dropFirst(), scalars: out)
    }
}

/// The blocks `values[i·rowSize ..< (i+1)·rowSize]` for each of `indices`, concatenated:
/// batching for per-example label arrays (one label, or H·W labels, per example).
@inlinable
public func gatherRows<T>(_ values: [T], rowSize: Int, _ indices: [Int]) -> [T] {
    var out: [T] = []
    out.reserveCapacity(indices.count * rowSize)
    for i in indices { out.append(contentsOf: values[(i * rowSize)..<((i + 1) * rowSize)]) }
    return out
}
