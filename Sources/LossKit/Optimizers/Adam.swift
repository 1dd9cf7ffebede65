import RealModule

/// Adam (Kingma & Ba 2015) as `torch.optim.Adam`, with L2 weight decay added to the gradient (not AdamW).
public struct Adam: Optimizer, Sendable {
    /// Step size (PyTorch `lr`).
    public var learningRate: Double
    /// Decay rate of the first moment (PyTorch `betas[0]`).
    public var beta1: Double
    /// Decay rate of the second moment (PyTorch `betas[1]`).
    public var beta2: Double
    /// Added for numerical stability (PyTorch `eps`).
    public var epsilon: Double
    /// L2 penalty added to the gradient as `weightDecay · p`.
    public var weightDecay: Double
    /// First moment m per parameter.
    public private(set) var firstMoment: [Double] = []
    /// Second moment v per parameter.
    public private(set) var secondMoment: [Double] = []
    /// Number of steps taken.
    public private(set) var stepCount = 0

    /// PyTorch's defaults.
    public init(learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8,
                weightDecay: Double = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public mutating func step(parameters: inout [Double], gradient: [Double]) {
        precondition(parameters.count == gradient.count, "gradient length differs from parameters")
        Self.prepared(&firstMoment, count: parameters.count)
        Self.prepared(&secondMoment, count: parameters.count)
        stepCount += 1
        let t = Double(stepCount)
        let correction1 = 1 - Double.pow(beta1, t)
        let correction2Root = (1 - Double.pow(beta2, t)).squareRoot()
        let stepSize = learningRate / correction1
        for i in parameters.indices {
            let g = gradient[i] + weightDecay * parameters[i]
            firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * g
            secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * g * g
            let denominator = secondMoment[i].squareRoot() / correction2Root + epsilon
            parameters[i] -= stepSize * firstMoment[i] / denominator
        }
    }
}
