import RealModule

/// Mini-batch gradient descent: shuffle, split into batches, step the optimiser per batch.
public struct MiniBatchTrainer: Sendable {
    /// Examples per batch (the last batch may be smaller).
    public var batchSize: Int
    /// Whether each epoch visits the examples in a fresh random order.
    public var shuffles: Bool

    /// A trainer with the given batch size.
    public init(batchSize: Int, shuffles: Bool = true) {
        precondition(batchSize > 0, "batchSize must be positive")
        self.batchSize = batchSize
        self.shuffles = shuffles
    }

    /// One pass over `inputs` (examples along axis 0); returns the example-weighted mean batch loss.
    ///
    /// `loss(output, batch)` receives the model's output for the rows `batch`
    /// of `inputs` and returns the batch loss with its gradient with respect to
    /// that output; gather the matching targets with ``Tensor/rows(_:)`` or ``gatherRows(_:rowSize:_:)``.
    public func epoch<M: Model, O: Optimizer>(
        model: inout M, optimizer: inout O, inputs: Tensor<Double>, generator: inout SeededGenerator,
        loss: (_ output: Tensor<Double>, _ batch: [Int]) -> (value: Double, gradient: Tensor<Double>)
    ) -> Double {
        let count = inputs.shape[0]
        let order = shuffles ? generator.permutation(count) : Array(0..<count)
        var total = 0.0
        var parameters = model.parameters
        for start in stride(from: 0, to: count, by: batchSize) {
            let batch = Array(order[start..<min(start + batchSize, count)])
            let x = inputs.rows(batch)
            let (value, outputGradient) = loss(model(x), batch)
            let gradient = model.backward(input: x, outputGradient: outputGradient).parameters
            optimizer.step(parameters: &parameters, gradient: gradient)
            model.parameters = parameters
            total += value * Double(batch.count)
        }
        return total / Double(count)
    }
}
