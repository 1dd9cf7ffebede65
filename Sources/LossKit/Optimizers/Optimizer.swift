/// Updates one flat parameter vector from its gradient, keeping its own state.
///
/// Models flatten their parameters to `[Double]`, so every optimiser works on
/// every model. Conforming types follow PyTorch's `torch.optim` update rules
/// and defaults exactly (single parameter group, `maximize=False`).
public protocol Optimizer {
    /// Applies one update to `parameters` given `gradient` of the same length.
    mutating func step(parameters: inout [Double], gradient: [Double])
}

extension Optimizer {
    /// Lazily sizes a state buffer on the first step, as PyTorch does with `state[p]`.
    static func prepared(_ buffer: inout [Double], count: Int, fill: Double = 0) {
        if buffer.count != count { buffer = Array(repeating: fill, count: count) }
    }
}
