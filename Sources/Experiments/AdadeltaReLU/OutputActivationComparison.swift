import ExperimentKit
import LossKit
import SVGPlot

/// Five optimisers × three output activations on the same denoising task:
/// loss curves, dead ReLU output units, and a table of final losses.
struct OutputActivationComparison: Experiment {
    var id: String { "ad-optimizers" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    var setup = DenoisingRun()
    var parameters: [Parameter] { setup.parameters }

    /// Palette slots per optimiser; slot 5 is skipped because it is hard to tell from slot 1 in the dark theme.
    static let styles = [1, 2, 3, 4, 6]

    static let outputs: [(name: String, activation: Activation)] = [
        ("sigmoid", .sigmoid), ("ReLU", .relu), ("clipped to [0, 1]", .clipped(lower: 0, upper: 1)),
    ]

    func run() throws -> ExperimentResult {
        let choices = DenoisingRun.OptimizerChoice.allCases
        let (zeros, meanImage) = setup.baselineLosses()
        var panels: [Panel] = []
        var deadLayers: [Layer] = []
        var rows: [[ResultTable.Cell]] = []
        var values: [String: Double] = ["zeros-loss": zeros, "mean-image-loss": meanImage]
        for (outputIndex, output) in Self.outputs.enumerated() {
            var layers: [Layer] = []
            for (index, choice) in choices.enumerated() {
                let record = setup.run(choice, output: output.activation)
                layers.append(.line(Series(choice.rawValue, y: record.loss, style: Self.styles[index])))
                if output.activation == .relu {
                    deadLayers.append(.line(Series(choice.rawValue, y: record.deadOutputs.map { 100 * $0 }, style: Self.styles[index])))
                }
                // Sigmoid units never stop passing gradient, so "dead" applies to the other two only.
                let dead: ResultTable.Cell = output.activation == .sigmoid ? .text("—") : .number(record.deadOutputs.last ?? .nan)
                rows.append([.text(output.name), .text(choice.rawValue), .number(record.loss.last ?? .nan),
                             .number(record.testLoss), dead])
                let key = "\(["sigmoid", "relu", "clipped"][outputIndex])-\(choice.rawValue.lowercased())"
                values["\(key)-final"] = record.loss.last
                values["\(key)-test"] = record.testLoss
                if output.activation != .sigmoid {
                    values["\(key)-dead"] = record.deadOutputs.last
                    values["\(key)-dead-max"] = record.deadOutputs.max()
                    values["\(key)-dead-first"] = record.deadOutputs.first
                }
            }
            layers.append(.reference(ReferenceLine(.horizontal(y: meanImage), label: "mean image")))
            panels.append(Panel(title: "\(output.name) output", x: Axis("epoch"), y: Axis(outputIndex == 0 ? "training MSE" : nil),
                                legend: outputIndex == 0 ? .outside : .hidden, layers: layers))
        }
        let curves = Figure(
            name: "curves", title: "Reconstruction loss per epoch, by output activation and optimiser",
            description: "Three small multiples sharing both axes: training mean squared error over \(setup.epochs) epochs for five optimisers, with sigmoid, ReLU and clipped outputs; a line marks the loss of always answering the mean training image.",
            size: Size(width: 760, height: 380), columns: 3, sharesX: true, sharesY: true, panels: panels)
        let dead = Figure(
            name: "dead", title: "Dead ReLU output units during training",
            description: "Line chart: percentage of the \(setup.side * setup.side) ReLU output units whose input is negative for every training image, per epoch, for five optimisers.",
            size: Size(width: 640, height: 360),
            panel: Panel(x: Axis("epoch"), y: Axis("dead output units (%)", limits: 0...100), legend: .outside, layers: deadLayers))
        let table = ResultTable(
            columns: [ResultTable.Column("output"), ResultTable.Column("optimiser"),
                      ResultTable.Column("training MSE, last epoch", format: "fixed:4"),
                      ResultTable.Column("test MSE", format: "fixed:4"),
                      ResultTable.Column("dead output units", format: "percent:0")],
            rows: rows)
        return ExperimentResult(values: values, tables: ["final": table], figures: ["curves": curves, "dead": dead])
    }
}
