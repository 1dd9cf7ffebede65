import ExperimentKit
import LossKit
import SVGPlot

/// J(w) with b = 0 for MSE and cross-entropy on the chapter's data set, and its
/// second derivative by central differences, with the region where it is negative shaded.
struct OneDimensionalSweep: Experiment {
    var id: String { "nc-sweep" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var range = -8.0...8.0
    var points = 321
    var step = 1e-3

    var parameters: [Parameter] {
        SigmoidUnitProblem.chapterParameters + [
            Parameter("bias b", .double(0)), Parameter("w range", .doubles([range.lowerBound, range.upperBound])),
            Parameter("sweep points", .int(points)), Parameter("difference step h", .double(step)),
        ]
    }

    func run() throws -> ExperimentResult {
        let problem = SigmoidUnitProblem.chapter
        let w = SigmoidUnitProblem.sweep(range, points: points)
        func curves(_ loss: SigmoidUnitProblem.Loss) -> (value: [Double], second: [Double]) {
            (w.map { problem.value(loss, w: $0, b: 0) }, w.map { problem.numericSecondDerivative(loss, w: $0, b: 0, step: step) })
        }
        let mse = curves(.mse), ce = curves(.crossEntropy)
        let negative = mse.second.map { $0 < 0 }
        let spans = try Span.regions(x: w, where: negative, label: "MSE: J″(w) < 0").map(Layer.span)
        let figure = Figure(
            name: "nc-sweep-curves", title: "The loss and its curvature along w",
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
                "ce-left-end": ce.value[0], "per-class": Double(SigmoidUnitProblem.chapterSettings.perClass),
                "centre": SigmoidUnitProblem.chapterSettings.separation / 2, "data-seed": Double(SigmoidUnitProblem.chapterSettings.seed),
                "w-min": range.lowerBound, "w-max": range.upperBound,
            ],
            figures: ["curves": figure])
    }
}
