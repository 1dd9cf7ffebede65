import ExperimentKit
import LossKit
import SVGPlot

/// Plain gradient descent on MSE and on cross-entropy from every start of a grid
/// over (w, b): which starts end within a tolerance of the reference minimum J*, and whether J*
/// is a global minimum at all (it may be only a local one, or none, when the loss falls lower at infinity).
struct DescentFromGrid: SeededExperiment {
    var id: String { "nc-descent" }
    var version: Int { 2 }
    var sourceFile: String { #filePath }
    var data = SigmoidUnitProblem.ChapterData()
    /// The data seed: each seed is a new draw of the chapter's data set, the first the one the figures show.
    /// Seeds 3 to 8 except 5, whose two classes happen to be separable: there cross-entropy has no
    /// finite minimum and "reaching J*" means nothing (the tests check that every seed overlaps).
    var seed: UInt64 {
        get { UInt64(data.seed) }
        set { data.seed = Int(newValue) }
    }
    var seeds: [UInt64] { [3, 4, 6, 7, 8] }
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
    @Param("failed runs continued for, steps") var continuedSteps = 200_000
    @Param("local minimum: |∇J| below") var minimumGradient = 1e-6
    @Param("local minimum: smallest Hessian eigenvalue above") var minimumCurvature = 1e-4
    @Param("a failure near J*: J − J* below") var nearGap = 0.05
    @Param("success without a global minimum: also within distance of (w*, b*)") var successDistance = 3.0

    static let losses: [(loss: SigmoidUnitProblem.Loss, name: String, key: String)] = [(.mse, "MSE", "mse"), (.crossEntropy, "cross-entropy", "ce")]

    var outputs: Outputs {
        let perLoss: [Outputs.Value] = Self.losses.flatMap { loss in
            [.init("\(loss.key)-reached-fraction", .percent(0)), .init("\(loss.key)-reached", .integer),
             .init("\(loss.key)-failed", .integer), .init("\(loss.key)-stalled", .integer),
             .init("\(loss.key)-optimum-w", .fixed(2)), .init("\(loss.key)-optimum-b", .fixed(2)),
             .init("\(loss.key)-optimum-value", .fixed(3)), .init("\(loss.key)-worst-gap", .fixed(3)),
             .init("\(loss.key)-stalled-min-gap", .fixed(3)),
             // The failed runs, continued: how many then reach J*, how many end at a local minimum
             // other than J*, how many are still on a plateau or at a saddle.
             .init("\(loss.key)-continued-reached", .integer), .init("\(loss.key)-continued-minimum", .integer),
             .init("\(loss.key)-continued-plateau", .integer), .init("\(loss.key)-continued-saddle", .integer),
             .init("\(loss.key)-stalled-continued-reached", .integer), .init("\(loss.key)-stalled-continued-plateau", .integer),
             .init("\(loss.key)-stalled-continued-minimum", .integer),
             .init("\(loss.key)-continued-max-gradient", .scientific(1)),
             .init("\(loss.key)-continued-max-eigen", .scientific(1)),
             .init("\(loss.key)-continued-min-gap", .fixed(3)),
             .init("\(loss.key)-continued-min-extent", .fixed(1)),
             .init("\(loss.key)-second-minimum-gap", .fixed(4)), .init("\(loss.key)-second-minimum-eigen", .fixed(3)),
             // J* checked: the reference point descended further; 1 if it is then a local minimum
             // by the thresholds below, 0 if it is not (the loss keeps falling, towards infinity).
             .init("\(loss.key)-optimum-checked", .integer), .init("\(loss.key)-optimum-gradient", .scientific(1)),
             .init("\(loss.key)-optimum-eigen", .scientific(1)), .init("\(loss.key)-optimum-drop", .scientific(1)),
             .init("\(loss.key)-optimum-continued-w", .fixed(1)),
             // The failures within budget: shares that end near J* and that have stalled.
             // (Disjoint: a stalled failure is never counted as near.)
             .init("\(loss.key)-failed-near-share", .percent(0)), .init("\(loss.key)-stalled-share", .percent(0))]
        }
        return Outputs(
            values: perLoss + [
                .init("starts", .integer), .init("learning-rate", .fixed(1)), .init("budget", .integer),
                .init("tolerance", .fixed(3)), .init("stalled-gradient", .fixed(3)),
                .init("continued-steps", .integer), .init("minimum-gradient", .scientific(0)),
                .init("minimum-curvature", .scientific(0)), .init("near-gap", .fixed(2)), .init("reference-steps", .integer),
                // Squared error's value in the limit of a step function (|w| → ∞): the smallest share of
                // points any threshold misclassifies, the infimum along such rays. It is reached by no finite
                // (w, b); a finite J* below it is the global minimum (if it is a minimum), one above it is not.
                .init("mse-step-limit", .fixed(3)), .init("mse-finite-minimum-value", .fixed(3)),
                // 1 if J* passes the local check and lies below the step limit: a global minimum.
                .init("mse-global", .integer),
                // On how many of the data seeds squared error has no global minimum (the same on every seed).
                .init("mse-no-global-count", .integer), .init("success-distance", .fixed(1)),
            ],
            figures: ["starts"])
    }

    func run() throws -> ExperimentResult {
        let problem = data.problem
        let axis = self.axis
        var panels: [Panel] = []
        var values: [String: Double] = [:]
        for (loss, name, key) in Self.losses {
            let reference = referenceMinimum(problem, loss)
            let (optimum, best, checked) = (reference.optimum, reference.value, reference.continued)
            values["\(key)-optimum-checked"] = reference.checked ? 1 : 0
            values["\(key)-optimum-gradient"] = reference.gradient
            values["\(key)-optimum-eigen"] = reference.eigen
            values["\(key)-optimum-drop"] = best - problem.value(loss, w: checked.w, b: checked.b)
            values["\(key)-optimum-continued-w"] = checked.w
            var near = 0, minimumValues: [Double] = []
            var outcome = [[Double]](repeating: [Double](repeating: 0, count: starts), count: starts)
            // A success ends within the tolerance of J* in loss. Where J* is no global minimum (the loss
            // falls lower along a shelf to infinity), it must also end near J* in place: a run passing
            // J*'s value on its way out along that shelf is no success. (Cross-entropy is convex, so a
            // local minimum is the global one.)
            let isGlobal = loss == .mse
                ? Self.hasGlobalMinimum(problem, checked: values["\(key)-optimum-checked"]! == 1, value: best)
                : values["\(key)-optimum-checked"]! == 1
            func atOptimum(_ p: (w: Double, b: Double), gap: Double) -> Bool {
                let dw = p.w - optimum.w, db = p.b - optimum.b
                return gap < tolerance && (isGlobal || (dw * dw + db * db).squareRoot() < successDistance)
            }
            var reached = 0, gaps: [Double] = [], stalled = 0, stalledGaps: [Double] = []
            var continued = (reached: 0, minimum: 0, plateau: 0, saddle: 0)
            var stalledContinued = (reached: 0, minimum: 0, plateau: 0)
            var continuedGradients: [Double] = [], continuedEigen: [Double] = [], continuedGaps: [Double] = [], extents: [Double] = []
            var minimumGaps: [Double] = [], minimumEigen: [Double] = []
            for (r, b) in axis.enumerated() {
                for (c, w) in axis.enumerated() {
                    let end = problem.descend(loss, w: w, b: b, learningRate: learningRate, steps: budget)
                    let gap = problem.value(loss, w: end.w, b: end.b) - best
                    gaps.append(gap)
                    if atOptimum(end, gap: gap) { reached += 1; outcome[r][c] = 1; continue }
                    // A failed run whose gradient has all but vanished is stuck on a plateau, not merely slow.
                    let g = problem.derivatives(loss, w: end.w, b: end.b).gradient
                    let isStalled = (g.w * g.w + g.b * g.b).squareRoot() < stalledGradient
                    if isStalled { stalled += 1; stalledGaps.append(gap) }
                    if !isStalled && gap < nearGap { near += 1 }
                    // Continue the failed run far beyond the budget and classify where it ends.
                    // (In chunks, stopping once it reaches J*: only the runs that do not are classified.)
                    var last = end, lastGap = gap, done = 0
                    while done < continuedSteps && !atOptimum(last, gap: lastGap) {
                        let chunk = min(1_000, continuedSteps - done)
                        last = problem.descend(loss, w: last.w, b: last.b, learningRate: learningRate, steps: chunk)
                        lastGap = problem.value(loss, w: last.w, b: last.b) - best
                        done += chunk
                    }
                    let d = problem.derivatives(loss, w: last.w, b: last.b).gradient
                    let gradient = (d.w * d.w + d.b * d.b).squareRoot()
                    let eigen = problem.minimumEigenvalue(loss, w: last.w, b: last.b)
                    if atOptimum(last, gap: lastGap) {
                        continued.reached += 1
                        if isStalled { stalledContinued.reached += 1 }
                        continue
                    }
                    continuedGradients.append(gradient); continuedEigen.append(eigen); continuedGaps.append(lastGap)
                    extents.append(max(Swift.abs(last.w), Swift.abs(last.b)))
                    // A local minimum: the gradient has vanished and the loss curves up in every direction.
                    // A saddle: it curves down in some direction. Otherwise the end is flat (|λ_min| at most
                    // the threshold): a plateau the run is still crossing, or drifting out along.
                    if gradient < minimumGradient && eigen > minimumCurvature {
                        continued.minimum += 1
                        minimumGaps.append(lastGap); minimumEigen.append(eigen)
                        minimumValues.append(lastGap + best)
                        if isStalled { stalledContinued.minimum += 1 }
                    } else if eigen < -minimumCurvature {
                        continued.saddle += 1
                    } else {
                        continued.plateau += 1
                        if isStalled { stalledContinued.plateau += 1 }
                    }
                }
            }
            let step = (range.upperBound - range.lowerBound) / Double(starts - 1)
            let extent = (range.lowerBound - step / 2)...(range.upperBound + step / 2)
            panels.append(Panel(
                title: name, x: Axis("initial w"), y: Axis("initial b"), equalAspect: true, showsGrid: false, layers: [
                    .heatmap(Heatmap("outcome", grid: Grid(outcome, x: extent, y: extent),
                                     colormap: .categorical(["not within budget", "reached J*"]))),
                    .scatter(Series("reference minimum J*", x: [optimum.w], y: [optimum.b], style: 3)),
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
            values["\(key)-continued-reached"] = Double(continued.reached)
            values["\(key)-continued-minimum"] = Double(continued.minimum)
            values["\(key)-continued-plateau"] = Double(continued.plateau)
            values["\(key)-continued-saddle"] = Double(continued.saddle)
            values["\(key)-stalled-continued-reached"] = Double(stalledContinued.reached)
            values["\(key)-stalled-continued-plateau"] = Double(stalledContinued.plateau)
            values["\(key)-stalled-continued-minimum"] = Double(stalledContinued.minimum)
            values["\(key)-continued-max-gradient"] = continuedGradients.max() ?? 0
            values["\(key)-continued-max-eigen"] = continuedEigen.max() ?? 0
            values["\(key)-continued-min-gap"] = continuedGaps.min() ?? 0
            values["\(key)-continued-min-extent"] = extents.min() ?? 0
            values["\(key)-second-minimum-gap"] = minimumGaps.min() ?? 0
            values["\(key)-second-minimum-eigen"] = minimumEigen.min() ?? 0
            let failed = Double(starts * starts - reached)
            values["\(key)-failed-near-share"] = failed > 0 ? Double(near) / failed : 0
            values["\(key)-stalled-share"] = failed > 0 ? Double(stalled) / failed : 0
            if loss == .mse { values["mse-finite-minimum-value"] = minimumValues.min() ?? best }
        }
        let figure = Figure(
            description: "Each cell is one gradient-descent start in (w, b); coloured by whether the run ended near the reference minimum J* (within the tolerance in loss and the success distance in (w, b)) after the step budget.",
            size: Size(width: 760, height: 420), columns: 2, panels: panels)
        values["starts"] = Double(starts * starts)
        values["learning-rate"] = learningRate
        values["budget"] = Double(budget)
        values["tolerance"] = tolerance
        values["stalled-gradient"] = stalledGradient
        values["continued-steps"] = Double(continuedSteps)
        values["minimum-gradient"] = minimumGradient
        values["minimum-curvature"] = minimumCurvature
        values["near-gap"] = nearGap
        values["reference-steps"] = Double(referenceSteps)
        values["mse-step-limit"] = Self.stepLimit(problem)
        values["mse-global"] = Self.hasGlobalMinimum(problem, checked: values["mse-optimum-checked"]! == 1, value: values["mse-optimum-value"]!) ? 1 : 0
        values["success-distance"] = successDistance
        // The count over all data seeds, computed the same way on each (every seed prints the same number).
        var count = 0
        for other in seeds {
            if other == seed { count += values["mse-global"]! == 1 ? 0 : 1; continue }
            var d = data
            d.seed = Int(other)
            let p = d.problem
            let reference = referenceMinimum(p, .mse)
            count += Self.hasGlobalMinimum(p, checked: reference.checked, value: reference.value) ? 0 : 1
        }
        values["mse-no-global-count"] = Double(count)
        return ExperimentResult(values: values, figures: ["starts": figure])
    }

    /// J* is squared error's global minimum if it is a local one and lies below the step limit,
    /// the value the loss falls to along a ray to infinity.
    static func hasGlobalMinimum(_ problem: SigmoidUnitProblem, checked: Bool, value: Double) -> Bool {
        checked && value < stepLimit(problem)
    }

    /// The starts' coordinates along w and along b.
    var axis: [Double] {
        (0..<starts).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(starts - 1) }
    }

    /// The reference minimum J* (the best start, descended for much longer) and its local check:
    /// descended much further still, is the end point a minimum, tested as the failures are tested?
    struct Reference {
        var optimum: (w: Double, b: Double)
        var value: Double
        /// Where the further descent ends, its gradient norm and smallest Hessian eigenvalue there.
        var continued: (w: Double, b: Double)
        var gradient: Double
        var eigen: Double
        /// Whether that end point passes the local check of a minimum.
        var checked: Bool
    }

    func referenceMinimum(_ problem: SigmoidUnitProblem, _ loss: SigmoidUnitProblem.Loss) -> Reference {
        let axis = self.axis
        let seeds = axis.flatMap { w in axis.map { b in (w, b) } }
        let bestStart = seeds.min { problem.value(loss, w: $0.0, b: $0.1) < problem.value(loss, w: $1.0, b: $1.1) }!
        let optimum = problem.descend(loss, w: bestStart.0, b: bestStart.1, learningRate: learningRate, steps: referenceSteps)
        let checked = problem.descend(loss, w: optimum.w, b: optimum.b, learningRate: learningRate, steps: continuedSteps)
        let g = problem.derivatives(loss, w: checked.w, b: checked.b).gradient
        let gradient = (g.w * g.w + g.b * g.b).squareRoot()
        let eigen = problem.minimumEigenvalue(loss, w: checked.w, b: checked.b)
        return Reference(optimum: (optimum.w, optimum.b), value: problem.value(loss, w: optimum.w, b: optimum.b), continued: (checked.w, checked.b),
                         gradient: gradient, eigen: eigen, checked: gradient < minimumGradient && eigen > minimumCurvature)
    }

    /// The smallest share of points a threshold on x misclassifies, either way round: the limit of
    /// squared error along a ray on which the sigmoid becomes that step function.
    static func stepLimit(_ problem: SigmoidUnitProblem) -> Double {
        let sorted = problem.x.sorted()
        let cuts = [sorted.first! - 1] + zip(sorted, sorted.dropFirst()).map { ($0 + $1) / 2 } + [sorted.last! + 1]
        let n = Double(problem.x.count)
        var best = 1.0
        for t in cuts {
            for sign in [1.0, -1.0] {
                var wrong = 0
                for (x, y) in zip(problem.x, problem.y) {
                    let predicted: Double = sign * (x - t) > 0 ? 1 : 0
                    if predicted != y { wrong += 1 }
                }
                best = min(best, Double(wrong) / n)
            }
        }
        return best
    }
}
