import ExperimentKit
import LossKit
import SVGPlot

/// Longer AdaDelta runs (PyTorch defaults) with a ReLU, a linear and a sigmoid
/// output layer: loss curves, dead units and the reconstructions themselves.
struct OutputLayerFix: SeededExperiment {
    var id: String { "ad-fix" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var seed: UInt64 {
        get { setup.seed }
        set { setup.seed = newValue }
    }
    var seeds: [UInt64] { [7, 17, 27, 37, 47] }

    var setup = DenoisingRun().training(epochs: 100)
    var adadelta = DenoisingRun.AdadeltaSettings()
    @Param("optimiser") var optimiser = "AdaDelta"
    /// Test images shown in the reconstruction grid.
    @Param("test images shown") var shown = 4

    var outputs: Outputs {
        let perOutput: [Outputs.Value] = Self.activations.map(\.key).flatMap { key in
            [.init("\(key)-final", .fixed(4)), .init("\(key)-test", .fixed(4)), .init("\(key)-test-clamped", .fixed(4)),
             .init("\(key)-epoch20", .fixed(4))]
        }
        return Outputs(
            values: perOutput + [
                .init("epochs", .integer), .init("relu-code-dead-max", .percent(0)), .init("relu-dead", .percent(0)),
                .init("relu-dead-max", .percent(0)), .init("relu-over-linear", .fixed(2)),
                .init("relu-dead-init", .percent(0)), .init("relu-deaths", .integer), .init("relu-revivals", .integer),
                .init("relu-dead-first", .percent(0)), .init("output-units", .integer), .init("network-count", .integer),
            ],
            figures: ["curves", "reconstructions"])
    }

    static let activations: [(key: String, name: String, activation: Activation)] = [
        ("relu", "ReLU output", .relu), ("linear", "linear output, clamped at test", .identity), ("sigmoid", "sigmoid output", .sigmoid),
    ]

    func run() throws -> ExperimentResult {
        let test = setup.data().test
        let side = setup.side
        var values: [String: Double] = ["epochs": Double(setup.epochs), "output-units": Double(side * side),
                                      "network-count": Double(Self.activations.count)]
        var lossLayers: [Layer] = []
        var images: [(String, Tensor<Double>)] = [("clean target", test.clean), ("masked input", test.noisy)]
        for (index, output) in Self.activations.enumerated() {
            let record = setup.train(adadelta.optimizer, output: output.activation)
            lossLayers.append(.line(Series(output.name, y: record.loss, style: index + 1)))
            values["\(output.key)-final"] = record.loss.last
            values["\(output.key)-test"] = record.testLoss
            values["\(output.key)-test-clamped"] = record.clippedTestLoss
            // Only a ReLU unit stops passing gradient when its input is negative.
            if output.activation == .relu {
                values["relu-code-dead-max"] = record.deadCodes.max()
                values["relu-dead"] = record.deadOutputs.last
                values["relu-dead-max"] = record.deadOutputs.max()
                values["relu-dead-first"] = record.deadOutputs.first
                values["relu-dead-init"] = record.deadOutputsAtInit
                values["relu-deaths"] = Double(record.deaths)
                values["relu-revivals"] = Double(record.revivals)
            }
            values["\(output.key)-epoch20"] = record.loss[min(19, record.loss.count - 1)]
            let clamped = Activation.clipped(lower: 0, upper: 1)(record.reconstructions)
            images.append((output.name.replacingOccurrences(of: " output, clamped at test", with: ", clamped")
                            .replacingOccurrences(of: " output", with: ""), clamped))
        }
        values["relu-over-linear"] = values["relu-test"]! / values["linear-test-clamped"]!
        let curves = Figure(
            description: "Line chart: training mean squared error per epoch for ReLU, linear and sigmoid output layers trained with AdaDelta at PyTorch's defaults.",
            size: Size(width: 640, height: 380),
            panel: Panel(x: Axis("epoch"), y: Axis("training MSE"), legend: .outside, layers: lossLayers))
        let grid = Figure(
            description: "Image grid: \(shown) test patterns, one per row, as clean target, masked input and the reconstructions of the ReLU, linear and sigmoid output layers, all shown on a 0 to 1 grey scale.",
            size: Size(width: 640, height: 520), columns: images.count,
            panels: images.map { title, tensor in
                Panel(title: title, x: .hidden, y: .hidden, legend: .hidden, equalAspect: true,
                      layers: [.heatmap(Heatmap(title, grid: Grid(image: Self.stacked(tensor, count: shown, side: side)),
                                                colormap: .gray, valueRange: 0...1))])
            })
        return ExperimentResult(values: values, figures: ["curves": curves, "reconstructions": grid])
    }

    /// The first `count` images of `images` one above the other, a blank row between them.
    static func stacked(_ images: Tensor<Double>, count: Int, side: Int) -> [[Double]] {
        var rows: [[Double]] = []
        for n in 0..<count {
            if n > 0 { rows.append(Array(repeating: .nan, count: side)) }
            for y in 0..<side {
                rows.append((0..<side).map { images.scalars[n * side * side + y * side + $0] })
            }
        }
        return rows
    }
}
