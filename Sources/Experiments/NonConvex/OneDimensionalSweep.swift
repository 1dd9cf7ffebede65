import ExperimentKit
import LossKit
import SVGPlot

/// J(w) with b = 0 for MSE and cross-entropy on the chapter's data set, and its
/// second derivative by central differences, with the region where it is negative shaded.
struct OneDimensionalSweep: Experiment {
    var id: String { "nc-sweep" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var data = SigmoidUnitProblem.ChapterData()
    @Param("bias b") var bias = 0.0
    @Param("w range") var range = -8.0...8.0
    @Param("sweep points") var points = 321
    @Param("difference step h") var step = 1e-3

    var outputs: Outputs {
        Outputs(
            values: [
                .init("mse-negative-fraction", .percent(0)), .init("mse-negative-below", .fixed(1)),
                .init("mse-most-negative", .fixed(3)), .init("ce-min-second", .scientific(1)), .init("ce-max-second", .fixed(3)),
                .init("mse-best-w", .fixed(2)), .init("ce-best-w", .fixed(2)),
                .init("mse-left-plateau", .fixed(3)), .init("mse-right-plateau", .fixed(3)), .init("ce-left-end", .fixed(2)),
                .init("per-class", .integer), .init("centre", .fixed(0)), .init("data-seed", .integer),
                .init("w-min", .fixed(0)), .init("w-max", .fixed(0)),
            ],
            figures: ["curves"])
    }

    func run() throws -> ExperimentResult {
        let problem = data.problem
        let w = SigmoidUnitProblem.sweep(range, points: points)
        func curves(_ loss: SigmoidUnitProblem.Loss) -> (value: [Double], second: [Double]) {
            (w.map { problem.value(loss, w: $0, b: bias) }, w.map { problem.numericSecondDerivative(loss, w: $0, b: bias, step: step) })
        }
        let mse = curves(.mse), ce = curves(.crossEntropy)
        let negative = mse.second.map { $0 < 0 }
        let spans = try Span.regions(x: w, where: negative, label: "MSE: J″(w) < 0").map(Layer.span)
        let figure = Figure(
            description: "Top: mean MSE and mean cross-entropy of σ(w·x) on the chapter's data set as w varies (b = 0). Bottom: their second derivatives by central differences; shaded where MSE's is negative.",
            size: Size(width: 640, height: 520), columns: 1, sharesX: true, panels: [
                Panel(title: "J(w)", x: Axis("weight w"), y: Axis("mean loss"), layers: spans + [
                    .line(Series("MSE", x: w, y: mse.value, style: 1)),
                    .line(Series("cross-entropy", x: w, y: ce.value, style: 2)),
                ]),
                Panel(title: "J″(w)", x: Axis("weight w"), y: Axis("second derivative"), layers: spans + [
                    .reference(ReferenceLine(.horizontal(y: 0))),
                    .line(Series("MSE", x: w, y: mse.second, style: 1)),
                    .line(Series("cross-entropy", x: w, y: ce.second, style: 2)),
                ]),
            ])
        let negativeW = zip(w, negative).filter(\.1).map(\.0)
        let best = mse.value.indices.min { mse.value[$0] < mse.value[$1] }!
        return ExperimentResult(
            values: [
                "mse-negative-fraction": Double(negativeW.count) / Double(points),
                "mse-negative-below": negativeW.filter { $0 < w[best] }.max() ?? range.lowerBound,
                "mse-most-negative": mse.second.min()!, "ce-min-second": ce.second.min()!,
                "ce-max-second": ce.second.max()!, "mse-best-w": w[best], "ce-best-w": w[ce.value.indices.min { ce.value[$0] < ce.value[$1] }!],
                "mse-left-plateau": mse.value[0], "mse-right-plateau": mse.value[points - 1],
                "ce-left-end": ce.value[0], "per-class": Double(data.perClass),
                "centre": data.separation / 2, "data-seed": Double(data.seed),
                "w-min": range.lowerBound, "w-max": range.upperBound,
            ],
            figures: ["curves": figure])
    }
}
