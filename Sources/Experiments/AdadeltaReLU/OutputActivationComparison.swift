import ExperimentKit
import LossKit
import SVGPlot

/// Five optimisers × three output activations on the same denoising task:
/// loss curves, dead ReLU output units, and a table of final losses.
struct OutputActivationComparison: SeededExperiment {
    var id: String { "ad-optimizers" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var seed: UInt64 {
        get { setup.seed }
        set { setup.seed = newValue }
    }
    var seeds: [UInt64] { [7, 17, 27, 37, 47] }

    var setup = DenoisingRun()
    var rates = DenoisingRun.Rates()
    var adadelta = DenoisingRun.AdadeltaSettings()
    /// The factor every gradient of the paired damped run is multiplied by (ReLU output, AdaDelta):
    /// the most σ' ≤ 1/4 could damp, applied uniformly, to see how much of it AdaDelta cancels.
    @Param("gradient scale") var gradientScale = 0.25

    /// Palette slots per optimiser; slot 5 is skipped because it is hard to tell from slot 1 in the dark theme.
    static let styles = [1, 2, 3, 4, 6]

    static let activations: [(key: String, name: String, activation: Activation)] = [
        ("sigmoid", "sigmoid", .sigmoid), ("relu", "ReLU", .relu), ("clipped", "clipped to [0, 1]", .clipped(lower: 0, upper: 1)),
    ]

    /// The prefix of one run's values: `relu-adam`.
    static func key(_ output: String, _ choice: DenoisingRun.OptimizerChoice) -> String { "\(output)-\(choice.rawValue.lowercased())" }

    var outputs: Outputs {
        let perRun: [Outputs.Value] = Self.activations.flatMap { output in
            DenoisingRun.OptimizerChoice.allCases.flatMap { choice -> [Outputs.Value] in
                let key = Self.key(output.key, choice)
                // Sigmoid units never stop passing gradient: no dead counts for them.
                let dead: [Outputs.Value] = output.activation == .sigmoid ? [] : [
                    .init("\(key)-dead", .percent(0)), .init("\(key)-dead-max", .percent(0)), .init("\(key)-dead-first", .percent(0)),
                    .init("\(key)-dead-init", .percent(0)), .init("\(key)-deaths", .integer), .init("\(key)-revivals", .integer),
                ]
                return [.init("\(key)-final", .fixed(4)), .init("\(key)-test", .fixed(4)),
                        .init("\(key)-step-first", .scientific(1)), .init("\(key)-step-median", .scientific(1)),
                        .init("\(key)-step-last", .scientific(1)), .init("\(key)-grad-rms-median", .scientific(1))] + dead
            }
        }
        // Paired by seed: the clipped run and the ReLU run share data, initial weights, batches and masks.
        let paired: [Outputs.Value] = DenoisingRun.OptimizerChoice.allCases.map {
            .init("clipped-over-relu-\($0.rawValue.lowercased())-final", .fixed(3))
        }
        let counts: [Outputs.Value] = [
            .init("seed-count", .integer), .init("optimizer-count", .integer), .init("output-count", .integer), .init("run-count", .integer),
        ]
        let steps: [Outputs.Value] = [
            .init("relu-adam-over-adadelta-step", .fixed(2)), .init("relu-adam-over-adadelta-step-min", .fixed(2)),
            .init("relu-adam-over-adadelta-step-last", .fixed(2)), .init("sigmoid-over-relu-adadelta-step", .fixed(2)),
            .init("adadelta-sqrt-eps", .scientific(1)),
            .init("relu-adadelta-g2-over-eps", .fixed(1)), .init("sigmoid-adadelta-g2-over-eps", .fixed(1)),
            .init("relu-adadelta-g2w-over-eps", .fixed(0)), .init("sigmoid-adadelta-g2w-over-eps", .fixed(0)),
            .init("relu-adadelta-g2w-over-eps-first", .fixed(0)), .init("sigmoid-adadelta-g2w-over-eps-first", .fixed(0)),
            .init("adadelta-cap", .scientific(2)), .init("relu-adadelta-above-cap-first", .percent(0)),
            .init("relu-adadelta-cap-share-first", .percent(0)), .init("relu-adadelta-zero-grad-first", .percent(0)),
            .init("scaled-over-full-rate", .fixed(2)), .init("scaled-over-full-moved", .fixed(2)),
            .init("scaled-over-full-final", .fixed(2)), .init("scaled-relu-adadelta-final", .fixed(4)),
            .init("relu-over-sigmoid-adadelta-grad-rms", .fixed(2)),
        ]
        return Outputs(
            values: perRun + paired + counts + steps + [.init("zeros-loss", .fixed(4)), .init("mean-image-loss", .fixed(4))],
            tables: ["final"], figures: ["curves", "dead", "effective-step"])
    }

    /// The middle value (the upper one of the two middle values for an even count).
    static func median(_ xs: [Double]) -> Double { xs.isEmpty ? .nan : xs.sorted()[xs.count / 2] }

    func run() throws -> ExperimentResult {
        let choices = DenoisingRun.OptimizerChoice.allCases
        let (zeros, meanImage) = setup.baselineLosses()
        var panels: [Panel] = []
        var deadLayers: [Layer] = [], stepLayers: [Layer] = []
        var rows: [[ResultTable.Cell]] = []
        var values: [String: Double] = ["zeros-loss": zeros, "mean-image-loss": meanImage]
        var reluSteps: [DenoisingRun.OptimizerChoice: [Double]] = [:]
        var adadeltaRecords: [String: DenoisingRun.Record] = [:]
        for (outputIndex, output) in Self.activations.enumerated() {
            var layers: [Layer] = []
            for (index, choice) in choices.enumerated() {
                let record = setup.run(choice, output: output.activation, rates: rates, adadelta: adadelta)
                layers.append(.line(Series(choice.rawValue, y: record.loss, style: Self.styles[index])))
                if output.activation == .relu {
                    deadLayers.append(.line(Series(choice.rawValue, y: record.deadOutputs.map { 100 * $0 }, style: Self.styles[index])))
                    stepLayers.append(.line(Series(choice.rawValue, y: record.effectiveStep, style: Self.styles[index])))
                }
                // Sigmoid units never stop passing gradient, so "dead" applies to the other two only.
                let dead: ResultTable.Cell = output.activation == .sigmoid ? .text("—") : .number(record.deadOutputs.last ?? .nan)
                rows.append([.text(output.name), .text(choice.rawValue), .number(record.loss.last ?? .nan),
                             .number(record.testLoss), dead])
                let key = Self.key(output.key, choice)
                values["\(key)-final"] = record.loss.last
                values["\(key)-test"] = record.testLoss
                values["\(key)-step-first"] = record.effectiveStep.first
                values["\(key)-step-median"] = Self.median(record.effectiveStep)
                values["\(key)-step-last"] = record.effectiveStep.last
                values["\(key)-grad-rms-median"] = Self.median(record.gradientRMS)
                if output.activation == .relu { reluSteps[choice] = record.effectiveStep }
                if choice == .adadelta { adadeltaRecords[output.key] = record }
                if output.activation != .sigmoid {
                    values["\(key)-dead-init"] = record.deadOutputsAtInit
                    values["\(key)-deaths"] = Double(record.deaths)
                    values["\(key)-revivals"] = Double(record.revivals)
                    values["\(key)-dead"] = record.deadOutputs.last
                    values["\(key)-dead-max"] = record.deadOutputs.max()
                    values["\(key)-dead-first"] = record.deadOutputs.first
                }
            }
            layers.append(.reference(ReferenceLine(.horizontal(y: meanImage), label: "mean image")))
            panels.append(Panel(title: "\(output.name) output", x: Axis("epoch"), y: Axis(outputIndex == 0 ? "training MSE" : nil),
                                legend: outputIndex == 0 ? .outside : .hidden, layers: layers))
        }
        for choice in choices {
            let name = choice.rawValue.lowercased()
            values["clipped-over-relu-\(name)-final"] = values["clipped-\(name)-final"]! / values["relu-\(name)-final"]!
        }
        values["seed-count"] = Double(seeds.count)
        values["optimizer-count"] = Double(choices.count)
        values["output-count"] = Double(Self.activations.count)
        values["run-count"] = Double(choices.count * Self.activations.count)
        // Adam's effective rate over AdaDelta's, epoch by epoch, ReLU output.
        let ratio = zip(reluSteps[.adam] ?? [], reluSteps[.adadelta] ?? []).map { $0 / $1 }
        values["relu-adam-over-adadelta-step"] = values["relu-adam-step-median"]! / values["relu-adadelta-step-median"]!
        values["relu-adam-over-adadelta-step-min"] = ratio.min() ?? .nan
        values["relu-adam-over-adadelta-step-last"] = ratio.last ?? .nan
        values["sigmoid-over-relu-adadelta-step"] = values["sigmoid-adadelta-step-median"]! / values["relu-adadelta-step-median"]!
        // Where AdaDelta's gradients sit against ε: near or below it, the ratio of roots in its step tends to 1.
        values["adadelta-sqrt-eps"] = adadelta.epsilon.squareRoot()
        for output in ["relu", "sigmoid"] {
            values["\(output)-adadelta-g2-over-eps"] = Double.pow(values["\(output)-adadelta-grad-rms-median"]!, 2) / adadelta.epsilon
        }
        values["relu-over-sigmoid-adadelta-grad-rms"] = values["relu-adadelta-grad-rms-median"]! / values["sigmoid-adadelta-grad-rms-median"]!
        // g² weighted by g²: the gradient size of the parameters that carry the gradient norm, over ε.
        for output in ["relu", "sigmoid"] {
            let weighted = adadeltaRecords[output]?.weightedGradientSquare ?? []
            values["\(output)-adadelta-g2w-over-eps"] = Self.median(weighted) / adadelta.epsilon
            values["\(output)-adadelta-g2w-over-eps-first"] = (weighted.first ?? .nan) / adadelta.epsilon
        }
        // At the very first step (ReLU output): which parameters have a gradient above the cap of the first update.
        let cap = (adadelta.epsilon / (1 - adadelta.rho)).squareRoot()
        values["adadelta-cap"] = cap
        let first = adadeltaRecords["relu"]?.firstGradient ?? []
        let total = first.reduce(0) { $0 + $1 * $1 }
        let above = first.filter { abs($0) > cap }
        values["relu-adadelta-above-cap-first"] = Double(above.count) / Double(max(first.count, 1))
        values["relu-adadelta-cap-share-first"] = above.reduce(0) { $0 + $1 * $1 } / total
        values["relu-adadelta-zero-grad-first"] = Double(first.filter { $0 == 0 }.count) / Double(max(first.count, 1))
        // The paired damped run: same seed, every gradient times `gradientScale` before AdaDelta sees it.
        if let full = adadeltaRecords["relu"] {
            let scaled = setup.train(adadelta.optimizer, output: .relu, gradientScale: gradientScale)
            values["scaled-over-full-rate"] = Self.median(scaled.effectiveStep) / Self.median(full.effectiveStep)
            values["scaled-over-full-moved"] = scaled.displacement / full.displacement
            values["scaled-over-full-final"] = (scaled.loss.last ?? .nan) / (full.loss.last ?? .nan)
            values["scaled-relu-adadelta-final"] = scaled.loss.last
        }
        let curves = Figure(
            description: "Three small multiples sharing both axes: training mean squared error over \(setup.epochs) epochs for five optimisers, with sigmoid, ReLU and clipped outputs; a line marks the loss of always answering the mean training image.",
            size: Size(width: 760, height: 380), columns: 3, sharesX: true, sharesY: true, panels: panels)
        let dead = Figure(
            description: "Line chart: percentage of the \(setup.side * setup.side) ReLU output units whose input is negative for every training image, per epoch, for five optimisers.",
            size: Size(width: 640, height: 360),
            panel: Panel(x: Axis("epoch"), y: Axis("dead output units (%)", limits: 0...100), legend: .outside, layers: deadLayers))
        let effectiveStep = Figure(
            description: "Line chart, logarithmic y axis: for the ReLU-output runs, the effective learning rate RMS(Δθ)/RMS(g) over all parameters, averaged over each epoch's steps, for five optimisers.",
            size: Size(width: 640, height: 360),
            panel: Panel(x: Axis("epoch"), y: Axis("effective step RMS(Δθ) / RMS(g)", scale: .log), legend: .outside, layers: stepLayers))
        let table = ResultTable(
            columns: [ResultTable.Column("output"), ResultTable.Column("optimiser"),
                      ResultTable.Column("training MSE, last epoch", format: .fixed(4)),
                      ResultTable.Column("test MSE", format: .fixed(4)),
                      ResultTable.Column("dead output units", format: .percent(0))],
            rows: rows)
        return ExperimentResult(values: values, tables: ["final": table], figures: ["curves": curves, "dead": dead, "effective-step": effectiveStep])
    }
}
