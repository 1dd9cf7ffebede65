/// RMSprop (Hinton's lecture 6e) as `torch.optim.RMSprop`, optionally centred and with momentum.
public struct RMSprop: Optimizer, Sendable {
    /// Step size (PyTorch `lr`).
    public var learningRate: Double
    /// Decay rate of the squared-gradient average (PyTorch `alpha`).
    public var alpha: Double
    /// Added for numerical stability (PyTorch `eps`).
    public var epsilon: Double
    /// Momentum factor; 0 turns momentum off.
    public var momentum: Double
    /// Whether to divide by the estimated variance instead of the raw second moment.
    public var centered: Bool
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public var weightDecay: Double
    /// E[g²] per parameter.
    public private(set) var squareAverage: [Double] = []
    /// E[g] per parameter (centred only).
    public private(set) var gradientAverage: [Double] = []
    /// Momentum buffer (momentum > 0 only).
    public private(set) var velocity: [Double] = []

    /// PyTorch's defaults.
    public init(learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8, momentum: Double = 0,
                centered: Bool = false, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.momentum = momentum
        self.centered = centered
        self.weightDecay = weightDecay
    }

    public mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "gradient length differs from parameters")
        Self.prepared(&squareAverage, count: parameters.count)
        if centered { Self.prepared(&gradientAverage, count: parameters.count) }
        if momentum > 0 { Self.prepared(&velocity, count: parameters.count) }
        for i in parameters.indices {
            let g = gradient[i] + weightDecay * parameters[i]
            squareAverage[i] = alpha * squareAverage[i] + (1 - alpha) * g * g
            var average: Double
            if centered {
                gradientAverage[i] = alpha * gradientAverage[i] + (1 - alpha) * g
                average = (squareAverage[i] - gradientAverage[i] * gradientAverage[i]).squareRoot()
            } else {
                average = squareAverage[i].squareRoot()
            }
            average += epsilon
            if momentum > 0 {
                velocity[i] = momentum * velocity[i] + g / average
                parameters[i] -= learningRate * velocity[i]
            } else {
                parameters[i] -= learningRate * g / average
            }
        }
    }
}
