import ExperimentKit
import LossKit
import SVGPlot

/// Both losses over the (w, b) plane, and the smaller eigenvalue of their Hessians there.
struct LossSurfaces: Experiment {
    var id: String { "nc-surfaces" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var data = SigmoidUnitProblem.ChapterData()
    @Param("w and b range") var range = -8.0...8.0
    @Param("grid", shown: { "\($0) × \($0)" }) var cells = 81

    var outputs: Outputs {
        Outputs(
            values: [
                .init("mse-negative-share", .percent(0)), .init("ce-negative-share", .percent(0)),
                .init("mse-min-eigen", .fixed(3)), .init("ce-min-eigen", .scientific(1)),
                .init("cells", .integer), .init("range", .fixed(0)), .init("drawn-cells", .integer),
            ],
            figures: ["loss", "eigen"])
    }

    func run() throws -> ExperimentResult {
        let problem = data.problem
        func grid(_ f: (Double, Double) -> Double) -> Grid { Grid(x: range, y: range, columns: cells, rows: cells, f) }
        let names: [(SigmoidUnitProblem.Loss, String)] = [(.mse, "MSE"), (.crossEntropy, "cross-entropy")]
        let surfaces = names.map { loss, name in
            let values = grid { problem.value(loss, w: $0, b: $1) }
            return Panel(title: name, x: Axis("weight w"), y: Axis("bias b"), legend: .hidden, equalAspect: true, showsGrid: false, layers: [
                .heatmap(Heatmap(name, grid: values, colorBar: "mean \(name)")),
                .contours(Contours(name, grid: values, showsLabels: false)),
            ])
        }
        let eigen = names.map { loss, _ in grid { problem.minimumEigenvalue(loss, w: $0, b: $1) } }
        let extreme = eigen.flatMap { $0.values.joined() }.map(Swift.abs).max()!
        let eigenPanels = zip(names, eigen).map { pair, values in
            Panel(title: pair.1, x: Axis("weight w"), y: Axis("bias b"), legend: .hidden, equalAspect: true, showsGrid: false, layers: [
                .heatmap(Heatmap(pair.1, grid: values, colormap: .diverging, valueRange: -extreme...extreme, colorBar: "smallest Hessian eigenvalue")),
                .contours(Contours("zero", grid: values, levels: [0], showsLabels: false)),
            ])
        }
        let surfaceFigure = Figure(
            description: "Mean MSE (left) and mean cross-entropy (right) of σ(w·x + b) on the chapter's data set, with contour lines.",
            size: Size(width: 760, height: 400), columns: 2, panels: surfaces)
        let eigenFigure = Figure(
            description: "Blue where the loss curves downward in some direction (non-convex), red where both eigenvalues are positive; the line is eigenvalue 0.",
            size: Size(width: 760, height: 400), columns: 2, panels: eigenPanels)
        func negativeShare(_ g: Grid) -> Double {
            let all = Array(g.values.joined())
            return Double(all.filter { $0 < 0 }.count) / Double(all.count)
        }
        return ExperimentResult(
            values: [
                "mse-negative-share": negativeShare(eigen[0]), "ce-negative-share": negativeShare(eigen[1]),
                "mse-min-eigen": eigen[0].values.joined().min()!, "ce-min-eigen": eigen[1].values.joined().min()!,
                "cells": Double(cells), "range": range.upperBound,
                // At this figure size SVGPlot draws the grid block-averaged over 2 × 2 points
                // (its heatmaps' <title> says so); the CSV keeps every point.
                "drawn-cells": Double((cells + 1) / 2),
            ],
            figures: ["loss": surfaceFigure, "eigen": eigenFigure])
    }
}
