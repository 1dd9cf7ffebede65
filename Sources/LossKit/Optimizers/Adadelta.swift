/// AdaDelta (Zeiler 2012) as `torch.optim.Adadelta`.
///
/// Step = RMS[Δx]_{t−1} / RMS[g]_t · g with ε inside both roots. PyTorch's
/// defaults (ρ = 0.9, lr = 1) differ from the paper's ρ = 0.95.
public struct Adadelta: Optimizer, Sendable {
    /// Step size (PyTorch `lr`).
    public var learningRate: Double
    /// Decay rate of the running averages (PyTorch `rho`).
    public var rho: Double
    /// Added for numerical stability (PyTorch `eps`).
    public var epsilon: Double
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public var weightDecay: Double
    /// E[g²] per parameter.
    public private(set) var squareAverage: [Double] = []
    /// E[Δx²] per parameter.
    public private(set) var deltaAverage: [Double] = []

    /// PyTorch's defaults.
    public init(learningRate: Double = 1.0, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "gradient length differs from parameters")
        Self.prepared(&squareAverage, count: parameters.count)
        Self.prepared(&deltaAverage, count: parameters.count)
        for i in parameters.indices {
            let g = gradient[i] + weightDecay * parameters[i]
            squareAverage[i] = rho * squareAverage[i] + (1 - rho) * g * g
            let std = (squareAverage[i] + epsilon).squareRoot()
            let delta = (deltaAverage[i] + epsilon).squareRoot() / std * g
            deltaAverage[i] = rho * deltaAverage[i] + (1 - rho) * delta * delta
            parameters[i] -= learningRate * delta
        }
    }
}
