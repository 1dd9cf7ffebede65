/// Stochastic gradient descent with optional momentum, dampening, Nesterov and L2, as `torch.optim.SGD`.
public struct SGD: Optimizer, Sendable {
    /// Step size (PyTorch `lr`).
    public var learningRate: Double
    /// Momentum factor; 0 turns momentum off.
    public var momentum: Double
    /// Fraction of the new gradient withheld from the momentum buffer.
    public var dampening: Double
    /// Whether to use Nesterov momentum.
    public var nesterov: Bool
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public var weightDecay: Double
    /// Momentum buffer; empty until the first step with momentum.
    public private(set) var velocity: [Double] = []

    /// PyTorch's defaults except the learning rate, which PyTorch also requires in practice.
    public init(learningRate: Double = 1e-3, momentum: Double = 0, dampening: Double = 0, nesterov: Bool = false,
                weightDecay: Double = 0) {
        precondition(!nesterov || (momentum > 0 && dampening == 0), "Nesterov needs momentum and zero dampening")
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "gradient length differs from parameters")
        let firstStep = velocity.isEmpty
        if momentum != 0 { Self.prepared(&velocity, count: parameters.count) }
        for i in parameters.indices {
            var g = gradient[i] + weightDecay * parameters[i]
            if momentum != 0 {
                // PyTorch starts the buffer at the raw gradient, without dampening.
                velocity[i] = firstStep ? g : momentum * velocity[i] + (1 - dampening) * g
                g = nesterov ? g + momentum * velocity[i] : velocity[i]
            }
            parameters[i] -= learningRate * g
        }
    }
}
