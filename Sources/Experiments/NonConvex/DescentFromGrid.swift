import ExperimentKit
import LossKit
import SVGPlot

/// Plain gradient descent on MSE and on cross-entropy from every start of a grid
/// over (w, b): which starts end within a tolerance of the global minimum.
struct DescentFromGrid: Experiment {
    var id: String { "nc-descent" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var range = -8.0...8.0
    var starts = 15
    var learningRate = 1.0
    var budget = 300
    var tolerance = 1e-3
    var referenceSteps = 20_000
    var stalledGradient = 1e-3

    var parameters: [Parameter] {
        SigmoidUnitProblem.chapterParameters + [
            Parameter("starts", .string("\(starts) × \(starts) grid over [\(range.lowerBound), \(range.upperBound)]²")),
            Parameter("learning rate", .double(learningRate)), Parameter("step budget", .int(budget)),
            Parameter("success: J − J* below", .double(tolerance)),
            Parameter("J*: descent from the best grid start, steps", .int(referenceSteps)),
            Parameter("stalled: final |∇J| below", .double(stalledGradient)),
        ]
    }

    func run() throws -> ExperimentResult {
        let problem = SigmoidUnitProblem.chapter
        let axis = (0..<starts).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(starts - 1) }
        var panels: [Panel] = []
        var values: [String: Double] = [:]
        for (loss, name, key) in [(SigmoidUnitProblem.Loss.mse, "MSE", "mse"), (.crossEntropy, "cross-entropy", "ce")] {
            // The global minimum: the best start, descended for much longer.
            let seeds = axis.flatMap { w in axis.map { b in (w, b) } }
            let bestStart = seeds.min { problem.value(loss, w: $0.0, b: $0.1) < problem.value(loss, w: $1.0, b: $1.1) }!
            let optimum = problem.descend(loss, w: bestStart.0, b: bestStart.1, learningRate: learningRate, steps: referenceSteps)
            let best = problem.value(loss, w: optimum.w, b: optimum.b)
            var outcome = [[Double]](repeating: [Double](repeating: 0, count: starts), count: starts)
            var reached = 0, gaps: [Double] = [], stalled = 0, stalledGaps: [Double] = []
            for (r, b) in axis.enumerated() {
                for (c, w) in axis.enumerated() {
                    let end = problem.descend(loss, w: w, b: b, learningRate: learningRate, steps: budget)
                    let gap = problem.value(loss, w: end.w, b: end.b) - best
                    gaps.append(gap)
                    if gap < tolerance { reached += 1; outcome[r][c] = 1; continue }
                    // A failed run whose gradient has all but vanished is stuck on a plateau, not merely slow.
                    let g = problem.derivatives(loss, w: end.w, b: end.b).gradient
                    if (g.w * g.w + g.b * g.b).squareRoot() < stalledGradient { stalled += 1; stalledGaps.append(gap) }
                }
            }
            let step = (range.upperBound - range.lowerBound) / Double(starts - 1)
            let extent = (range.lowerBound - step / 2)...(range.upperBound + step / 2)
            panels.append(Panel(
                title: name, x: Axis("initial w"), y: Axis("initial b"), equalAspect: true, showsGrid: false, layers: [
                    .heatmap(Heatmap("outcome", grid: Grid(outcome, x: extent, y: extent),
                                     colormap: .categorical(["not within budget", "reached J*"]))),
                    .scatter(Series("global minimum", x: [optimum.w], y: [optimum.b], style: 3)),
                ]))
            values["\(key)-reached-fraction"] = Double(reached) / Double(starts * starts)
            values["\(key)-optimum-w"] = optimum.w
            values["\(key)-optimum-b"] = optimum.b
            values["\(key)-optimum-value"] = best
            values["\(key)-worst-gap"] = gaps.max()!
            values["\(key)-failed"] = Double(starts * starts - reached)
            values["\(key)-stalled"] = Double(stalled)
            values["\(key)-stalled-min-gap"] = stalledGaps.min() ?? 0
            values["\(key)-reached"] = Double(reached)
        }
        let figure = Figure(
            name: "nc-descent-starts", title: "Which starts reach the global minimum",
            description: "Each cell is one gradient-descent start in (w, b); coloured by whether the run ended within the tolerance of the global minimum after the step budget.",
            size: Size(width: 760, height: 420), columns: 2, panels: panels)
        values["starts"] = Double(starts * starts)
        values["learning-rate"] = learningRate
        values["budget"] = Double(budget)
        values["tolerance"] = tolerance
        values["stalled-gradient"] = stalledGradient
        return ExperimentResult(values: values, figures: ["starts": figure])
    }
}
