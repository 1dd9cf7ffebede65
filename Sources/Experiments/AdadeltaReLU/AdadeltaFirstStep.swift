import ExperimentKit
import LossKit
import SVGPlot

/// The size of each optimiser's very first update as a function of the gradient,
/// measured by calling LossKit's optimisers once on a parameter at 0.
struct AdadeltaFirstStep: Experiment {
    var id: String { "ad-first-step" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    @Param("eps") var epsilon = 1e-6
    @Param("PyTorch rho") var pytorchRho = 0.9
    @Param("paper rho") var paperRho = 0.95
    @Param("SGD lr") var sgdRate = 0.1
    @Param("AdaGrad lr") var adagradRate = 0.05
    @Param("Adam lr") var adamRate = 0.01
    /// Gradients from 10^lowestPower to 10^highestPower, `count` of them, evenly spaced in log.
    var lowestPower = -5.0
    var highestPower = 2.0
    let shownRange = DerivedParameter<Self>("gradient range") {
        Parameter.Value.doubles([$0.lowestPower, $0.highestPower].map { Double.pow(10, $0) }).description
    }
    @Param("gradients") var count = 57
    /// A constant gradient fed to AdaDelta (PyTorch's defaults) for `simulatedSteps` steps, once as it is
    /// and once scaled by `scale`: how much of a common scale AdaDelta cancels, for a large and a small gradient.
    @Param("simulated steps") var simulatedSteps = 120
    @Param("large constant gradient") var largeGradient = 0.1
    @Param("small constant gradient") var smallGradient = 2e-3
    @Param("gradient scale") var scale = 0.25
    /// The rate |Δx|/|g| whose first crossing on the small constant gradient is counted in steps.
    @Param("rate threshold") var threshold = 0.9

    var outputs: Outputs {
        Outputs(
            values: [
                .init("pytorch-step-g1", .fixed(4)), .init("paper-step-g1", .fixed(4)), .init("pytorch-bound", .scientific(2)),
                .init("paper-bound", .scientific(2)), .init("adam-step-g1", .fixed(4)), .init("sgd-step-g1", .fixed(2)),
                .init("pytorch-step-small", .scientific(2)), .init("small-gradient", .scientific(0)),
                .init("scaled-move-large", .fixed(2)), .init("scaled-move-small", .fixed(2)),
                .init("rate-last-small", .fixed(2)), .init("rate-last-large", .fixed(3)),
                .init("steps-to-threshold-small", .integer), .init("small-g2-over-eps", .fixed(0)),
            ],
            figures: ["first-step"])
    }

    /// |Δx| after one `step` from 0 with gradient `g`.
    static func firstStep<O: Optimizer>(_ optimizer: O, gradient g: Double) -> Double {
        var optimizer = optimizer
        var x = [0.0]
        optimizer.step(parameters: &x, gradient: [g])
        return abs(x[0])
    }

    /// Total movement after `steps` AdaDelta steps on a constant gradient `g`, and the last step's |Δx|/|g|.
    static func constantGradientRun(_ optimizer: Adadelta, gradient g: Double, steps: Int) -> (moved: Double, lastRate: Double) {
        var optimizer = optimizer
        var x = [0.0]
        var before = 0.0
        for _ in 0..<steps {
            before = x[0]
            optimizer.step(parameters: &x, gradient: [g])
        }
        return (abs(x[0]), abs(x[0] - before) / abs(g))
    }

    /// The first step (counted from 1) whose |Δx|/|g| exceeds `threshold` on a constant gradient `g`; NaN if none within `steps`.
    static func stepsToRate(_ optimizer: Adadelta, gradient g: Double, threshold: Double, steps: Int) -> Double {
        var optimizer = optimizer
        var x = [0.0]
        for step in 1...steps {
            let before = x[0]
            optimizer.step(parameters: &x, gradient: [g])
            if abs(x[0] - before) / abs(g) > threshold { return Double(step) }
        }
        return .nan
    }

    func run() throws -> ExperimentResult {
        let gradients = (0..<count).map { Double.pow(10, lowestPower + (highestPower - lowestPower) * Double($0) / Double(count - 1)) }
        func curve(_ name: String, style: Int, _ step: (Double) -> Double) -> Layer {
            .line(Series(name, x: gradients, y: gradients.map(step), style: style))
        }
        let pytorch = Adadelta(rho: pytorchRho, epsilon: epsilon)
        let paper = Adadelta(rho: paperRho, epsilon: epsilon)
        let layers: [Layer] = [
            curve("SGD and momentum, lr \(sgdRate)", style: 1) { Self.firstStep(SGD(learningRate: sgdRate), gradient: $0) },
            curve("AdaGrad, lr \(adagradRate)", style: 2) { Self.firstStep(Adagrad(learningRate: adagradRate), gradient: $0) },
            curve("Adam, lr \(adamRate)", style: 3) { Self.firstStep(Adam(learningRate: adamRate), gradient: $0) },
            curve("AdaDelta, ρ \(pytorchRho) (PyTorch)", style: 4) { Self.firstStep(pytorch, gradient: $0) },
            curve("AdaDelta, ρ \(paperRho) (paper)", style: 6) { Self.firstStep(paper, gradient: $0) },
            .reference(ReferenceLine(.horizontal(y: (epsilon / (1 - pytorchRho)).squareRoot()), label: "√(ε/(1−ρ)), ρ = \(pytorchRho)")),
        ]
        let large = Self.constantGradientRun(pytorch, gradient: largeGradient, steps: simulatedSteps)
        let largeScaled = Self.constantGradientRun(pytorch, gradient: scale * largeGradient, steps: simulatedSteps)
        let small = Self.constantGradientRun(pytorch, gradient: smallGradient, steps: simulatedSteps)
        let smallScaled = Self.constantGradientRun(pytorch, gradient: scale * smallGradient, steps: simulatedSteps)
        let figure = Figure(
            description: "Log–log line chart: size of the first update against the gradient for SGD, AdaGrad, Adam and AdaDelta with two values of ρ; AdaDelta's step follows the gradient while it is small and then flattens at √(ε/(1−ρ)): for PyTorch's ρ at the dashed line, for the paper's larger ρ a little higher.",
            size: Size(width: 640, height: 420),
            panel: Panel(x: Axis("gradient g", scale: .log), y: Axis("first update |Δx|", scale: .log), legend: .outside, layers: layers))
        return ExperimentResult(
            values: [
                "pytorch-step-g1": Self.firstStep(pytorch, gradient: 1),
                "paper-step-g1": Self.firstStep(paper, gradient: 1),
                "pytorch-bound": (epsilon / (1 - pytorchRho)).squareRoot(),
                "paper-bound": (epsilon / (1 - paperRho)).squareRoot(),
                "adam-step-g1": Self.firstStep(Adam(learningRate: adamRate), gradient: 1),
                "sgd-step-g1": Self.firstStep(SGD(learningRate: sgdRate), gradient: 1),
                "pytorch-step-small": Self.firstStep(pytorch, gradient: gradients[0]),
                "small-gradient": gradients[0],
                "scaled-move-large": largeScaled.moved / large.moved,
                "scaled-move-small": smallScaled.moved / small.moved,
                "rate-last-small": small.lastRate,
                "rate-last-large": large.lastRate,
                "steps-to-threshold-small": Self.stepsToRate(pytorch, gradient: smallGradient, threshold: threshold, steps: simulatedSteps),
                "small-g2-over-eps": smallGradient * smallGradient / epsilon,
            ],
            figures: ["first-step": figure])
    }
}
