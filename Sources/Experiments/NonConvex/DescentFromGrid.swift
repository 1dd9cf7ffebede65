import ExperimentKit
import LossKit
import SVGPlot

/// Plain gradient descent on MSE and on cross-entropy from every start of a grid
/// over (w, b): which starts end within a tolerance of the global minimum.
struct DescentFromGrid: Experiment {
    var id: String { "nc-descent" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var data = SigmoidUnitProblem.ChapterData()
    var range = -8.0...8.0
    var starts = 15
    let shownStarts = DerivedParameter<Self>("starts") {
        "\($0.starts) × \($0.starts) grid over [\($0.range.lowerBound), \($0.range.upperBound)]²"
    }
    @Param("learning rate") var learningRate = 1.0
    @Param("step budget") var budget = 300
    @Param("success: J − J* below") var tolerance = 1e-3
    @Param("J*: descent from the best grid start, steps") var referenceSteps = 20_000
    @Param("stalled: final |∇J| below") var stalledGradient = 1e-3

    static let losses: [(loss: SigmoidUnitProblem.Loss, name: String, key: String)] = [(.mse, "MSE", "mse"), (.crossEntropy, "cross-entropy", "ce")]

    var outputs: Outputs {
        let perLoss: [Outputs.Value] = Self.losses.flatMap { loss in
            [.init("\(loss.key)-reached-fraction", .percent(0)), .init("\(loss.key)-reached", .integer),
             .init("\(loss.key)-failed", .integer), .init("\(loss.key)-stalled", .integer),
             .init("\(loss.key)-optimum-w", .fixed(2)), .init("\(loss.key)-optimum-b", .fixed(2)),
             .init("\(loss.key)-optimum-value", .fixed(3)), .init("\(loss.key)-worst-gap", .fixed(3)),
             .init("\(loss.key)-stalled-min-gap", .fixed(3))]
        }
        return Outputs(
            values: perLoss + [
                .init("starts", .integer), .init("learning-rate", .fixed(1)), .init("budget", .integer),
                .init("tolerance", .fixed(3)), .init("stalled-gradient", .fixed(3)),
            ],
            figures: ["starts"])
    }

    func run() throws -> ExperimentResult {
        let problem = data.problem
        let axis = (0..<starts).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(starts - 1) }
        var panels: [Panel] = []
        var values: [String: Double] = [:]
        for (loss, name, key) in Self.losses {
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
