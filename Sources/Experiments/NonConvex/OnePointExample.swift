import ExperimentKit
import LossKit
import SVGPlot

/// The smallest counterexample: one point x = 1, y = 1, no bias. L(w) = (σ(w) − 1)²
/// against −log σ(w), with their second derivatives and the sign change at w = −ln 2.
struct OnePointExample: Experiment {
    var id: String { "nc-one-point" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    @Param("data") var data = "x = 1, y = 1, b = 0"
    @Param("w range") var range = -6.0...6.0
    @Param("sweep points") var points = 241
    @Param("difference step h") var step = 1e-3

    var outputs: Outputs {
        Outputs(
            values: [
                .init("crossing", .fixed(6)), .init("minus-ln-2", .fixed(6)), .init("crossing-error", .scientific(1)),
                .init("mse-at-minus-6", .fixed(4)), .init("ce-at-minus-6", .fixed(4)),
                .init("mse-slope-at-minus-6", .fixed(4)), .init("ce-slope-at-minus-6", .fixed(4)),
            ],
            figures: ["curves"])
    }

    func run() throws -> ExperimentResult {
        let problem = SigmoidUnitProblem(x: [1], y: [1])
        let w = SigmoidUnitProblem.sweep(range, points: points)
        func second(_ loss: SigmoidUnitProblem.Loss, _ w: Double) -> Double {
            problem.numericSecondDerivative(loss, w: w, b: 0, step: step)
        }
        // The sign change of the numeric L″ by bisection, to compare with −ln 2.
        var (low, high) = (range.lowerBound, 0.0)
        for _ in 0..<60 {
            let mid = (low + high) / 2
            if second(.mse, mid) < 0 { low = mid } else { high = mid }
        }
        let crossing = (low + high) / 2
        let mse = w.map { second(.mse, $0) }
        let spans = try Span.regions(x: w, where: mse.map { $0 < 0 }, label: "L″(w) < 0").map(Layer.span)
        let figure = Figure(
            description: "Left: L(w) = (σ(w) − 1)² and −log σ(w). Right: their second derivatives; MSE's is negative left of w = −ln 2.",
            size: Size(width: 720, height: 340), columns: 2, sharesX: true, panels: [
                Panel(title: "loss", x: Axis("weight w"), y: Axis("loss", limits: 0...2), layers: spans + [
                    .line(Series("MSE (σ(w) − 1)²", x: w, y: w.map { problem.value(.mse, w: $0, b: 0) }, style: 1)),
                    .line(Series("CE −log σ(w)", x: w, y: w.map { problem.value(.crossEntropy, w: $0, b: 0) }.map { $0 > 2 ? .nan : $0 }, style: 2)),
                ]),
                Panel(title: "second derivative", x: Axis("weight w"), y: Axis("L″(w)"), layers: spans + [
                    .reference(ReferenceLine(.horizontal(y: 0))),
                    .reference(ReferenceLine(.vertical(x: -Double.log(2)), label: "w = −ln 2")),
                    .line(Series("MSE", x: w, y: mse, style: 1)),
                    .line(Series("CE", x: w, y: w.map { second(.crossEntropy, $0) }, style: 2)),
                ]),
            ])
        return ExperimentResult(
            values: ["crossing": crossing, "minus-ln-2": -Double.log(2), "crossing-error": Swift.abs(crossing + Double.log(2)),
                     "mse-at-minus-6": problem.value(.mse, w: -6, b: 0), "ce-at-minus-6": problem.value(.crossEntropy, w: -6, b: 0),
                     "mse-slope-at-minus-6": problem.derivatives(.mse, w: -6, b: 0).gradient.w,
                     "ce-slope-at-minus-6": problem.derivatives(.crossEntropy, w: -6, b: 0).gradient.w],
            figures: ["curves": figure])
    }
}
