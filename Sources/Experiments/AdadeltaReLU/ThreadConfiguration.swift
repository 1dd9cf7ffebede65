import ExperimentKit
import LossKit
import SVGPlot

/// The thread's own configuration: the same activation in every layer
/// (sigmoid everywhere, then ReLU everywhere), 100 epochs, AdaDelta at
/// PyTorch's defaults against SGD with momentum, over several seeds (data,
/// initial weights, batches and masks all change with the seed).
struct ThreadConfiguration: SeededExperiment {
    var id: String { "ad-thread" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    var setup = DenoisingRun().training(epochs: 100)
    var rates = DenoisingRun.Rates()
    var adadelta = DenoisingRun.AdadeltaSettings()
    @Param("activations") var activations = "sigmoid in both layers; ReLU in both layers"
    @Param("optimisers") var optimisers = "momentum, AdaDelta"
    var seed: UInt64 {
        get { setup.seed }
        set { setup.seed = newValue }
    }
    var seeds: [UInt64] { [7, 17, 27, 37, 47] }

    static let configurations: [(key: String, name: String, activation: Activation)] = [
        ("sigmoid", "sigmoid everywhere", .sigmoid), ("relu", "ReLU everywhere", .relu),
    ]
    static let choices: [DenoisingRun.OptimizerChoice] = [.momentum, .adadelta]

    var outputs: Outputs {
        let perRun: [Outputs.Value] = Self.configurations.flatMap { c in
            Self.choices.flatMap { choice -> [Outputs.Value] in
                let key = "\(c.key)-\(choice.rawValue.lowercased())"
                return [.init("\(key)-final", .fixed(4)), .init("\(key)-rises", .percent(0))]
            }
        }
        return Outputs(
            values: perRun + [
                .init("sigmoid-adadelta-over-momentum", .fixed(2)), .init("relu-adadelta-over-momentum", .fixed(2)),
                .init("relu-adadelta-dead", .percent(0)), .init("relu-adadelta-code-dead", .percent(0)),
                .init("relu-momentum-dead", .percent(0)), .init("relu-momentum-code-dead", .percent(0)),
                .init("mean-image-loss", .fixed(4)), .init("epochs", .integer),
                .init("steps-per-epoch", .integer), .init("steps", .integer),
            ],
            figures: ["curves"])
    }

    func run() throws -> ExperimentResult {
        var values: [String: Double] = ["mean-image-loss": setup.baselineLosses().meanImage, "epochs": Double(setup.epochs)]
        // Mini-batches per epoch (the last one may be short) and optimiser steps in a run.
        let stepsPerEpoch = (setup.trainCount + setup.batchSize - 1) / setup.batchSize
        values["steps-per-epoch"] = Double(stepsPerEpoch)
        values["steps"] = Double(stepsPerEpoch * setup.epochs)
        var panels: [Panel] = []
        for (index, c) in Self.configurations.enumerated() {
            var layers: [Layer] = []
            for (slot, choice) in Self.choices.enumerated() {
                let record = setup.run(choice, output: c.activation, hidden: c.activation, rates: rates, adadelta: adadelta)
                let key = "\(c.key)-\(choice.rawValue.lowercased())"
                values["\(key)-final"] = record.loss.last
                // Share of epochs in the second half whose loss is above the epoch before: how much the curve bounces.
                let half = record.loss.suffix(record.loss.count / 2)
                values["\(key)-rises"] = Double(zip(half.dropFirst(), half).filter { $0 > $1 }.count) / Double(half.count - 1)
                if c.activation == .relu {
                    values["\(key)-dead"] = record.deadOutputs.last
                    values["\(key)-code-dead"] = record.deadCodes.last
                }
                layers.append(.line(Series(choice.rawValue, y: record.loss, style: [2, 4][slot])))
            }
            layers.append(.reference(ReferenceLine(.horizontal(y: values["mean-image-loss"]!), label: "mean image")))
            panels.append(Panel(title: c.name, x: Axis("epoch"), y: Axis(index == 0 ? "training MSE" : nil, scale: .log),
                                legend: index == 0 ? .automatic : .hidden, layers: layers))
        }
        values["sigmoid-adadelta-over-momentum"] = values["sigmoid-adadelta-final"]! / values["sigmoid-momentum-final"]!
        values["relu-adadelta-over-momentum"] = values["relu-adadelta-final"]! / values["relu-momentum-final"]!
        let curves = Figure(
            description: "Two small multiples sharing both axes, logarithmic loss axis: training MSE over \(setup.epochs) epochs with sigmoid units in both layers and with ReLU units in both layers, for SGD with momentum and for AdaDelta at PyTorch's defaults.",
            size: Size(width: 720, height: 360), columns: 2, sharesX: true, sharesY: true, panels: panels)
        return ExperimentResult(values: values, figures: ["curves": curves])
    }
}
