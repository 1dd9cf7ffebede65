/// AdaGrad (Duchi et al. 2011) as `torch.optim.Adagrad`: steps scaled by 1/√(Σ g²).
public struct Adagrad: Optimizer, Sendable {
    /// Step size (PyTorch `lr`).
    public var learningRate: Double
    /// Step size decays as lr / (1 + (t − 1)·learningRateDecay).
    public var learningRateDecay: Double
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public var weightDecay: Double
    /// Starting value of the Σ g² accumulator.
    public var initialAccumulatorValue: Double
    /// Added for numerical stability (PyTorch `eps`).
    public var epsilon: Double
    /// Σ g² per parameter.
    public private(set) var sumOfSquares: [Double] = []
    /// Number of steps taken.
    public private(set) var stepCount = 0

    /// PyTorch's defaults.
    public init(learningRate: Double = 1e-2, learningRateDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10) {
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
    }

    public mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "gradient length differs from parameters")
        Self.prepared(&sumOfSquares, count: parameters.count, fill: initialAccumulatorValue)
        stepCount += 1
        let clr = learningRate / (1 + Double(stepCount - 1) * learningRateDecay)
        for i in parameters.indices {
            let g = gradient[i] + weightDecay * parameters[i]
            sumOfSquares[i] += g * g
            parameters[i] -= clr * g / (sumOfSquares[i].squareRoot() + epsilon)
        }
    }
}
