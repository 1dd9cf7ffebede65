// Issue 3's public API block, used for real with its exact names and labels.
import LossKit

let logits = Tensor<Double>(shape: [2, 3, 1, 2], scalars: [2, -1, 0.5, 0, 3, 1, 0.25, -2, 1, 4, -1, 0])
precondition(logits.shape == [2, 3, 1, 2] && logits.scalars.count == 12)
let scalar = Tensor<Float>(shape: [], scalars: [1])

let reductions: [Reduction] = [.none, .sum, .mean]
for reduction in reductions {
    let ce = CrossEntropyLoss(weight: [1, 2, 0.5], ignoreIndex: 255, reduction: reduction, labelSmoothing: 0.1)
    let (value, gradient) = ce.valueAndGradient(logits: logits, targets: [0, 2, 255, 1])
    print("cross-entropy \(reduction):", value.shape, value.scalars, gradient.shape)
}
let defaults = CrossEntropyLoss().valueAndGradient(logits: logits.converted(to: Float.self), targets: [0, 1, 2, 0])
print("cross-entropy Float:", defaults.value.scalars, scalar.scalars)

let bce = BinaryCrossEntropyWithLogitsLoss(weight: [1, 2], positiveWeight: [3, 0.5], reduction: .mean)
let bceResult = bce.valueAndGradient(
    logits: Tensor<Double>(shape: [2, 2], scalars: [1, -2, 0.5, 3]),
    targets: Tensor<Double>(shape: [2, 2], scalars: [1, 0, 0, 1]))
print("bce with logits:", bceResult.value.scalars, bceResult.gradient.scalars)

let mse = MeanSquaredErrorLoss(reduction: .sum)
let mseResult = mse.valueAndGradient(
    predictions: Tensor<Float>(shape: [3], scalars: [1, 2, 3]), targets: Tensor<Float>(shape: [3], scalars: [1, 1, 1]))
print("mse:", mseResult.value.scalars, mseResult.gradient.scalars)

func run<O: Optimizer>(_ optimizer: O) -> [Double] {
    var optimizer = optimizer
    var parameters = [1.0, -2.0]
    for _ in 0..<10 { optimizer.step(parameters: &parameters, gradient: parameters.map { 2 * $0 }) }
    return parameters
}
print("SGD:", run(SGD(learningRate: 0.1, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 0.01)))
print("Adagrad:", run(Adagrad(learningRate: 0.1, learningRateDecay: 0, weightDecay: 0, initialAccumulatorValue: 0, epsilon: 1e-10)))
print("Adadelta:", run(Adadelta(learningRate: 1.0, rho: 0.9, epsilon: 1e-6, weightDecay: 0)))
print("Adam:", run(Adam(learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, weightDecay: 0)))
print("RMSprop:", run(RMSprop(learningRate: 0.01, alpha: 0.99, epsilon: 1e-8, momentum: 0, centered: false, weightDecay: 0)))
print("defaults:", run(Adam()), run(Adadelta()), run(RMSprop()), run(Adagrad()))
print("vector unit:", VectorUnit.description)
