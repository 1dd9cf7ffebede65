import ExperimentKit
import LossKit
import SVGPlot

/// AdaDelta's final training loss over a grid of (ρ, ε), ReLU output, short runs,
/// over several seeds (data, initial weights, batches and masks change with the seed).
struct AdadeltaSensitivity: SeededExperiment {
    var id: String { "ad-sensitivity" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    var seed: UInt64 {
        get { setup.seed }
        set { setup.seed = newValue }
    }
    var seeds: [UInt64] { [7, 17, 27, 37, 47] }

    var setup = DenoisingRun().training(epochs: 20)
    @Param("rho values") var rhos = [0.85, 0.9, 0.95]
    /// ε = 10^power for each power.
    @Param("log10 eps values") var epsilonPowers: [Double] = [-8, -7, -6, -5, -4]
    @Param("output") var output = "ReLU"

    var outputs: Outputs {
        Outputs(
            values: [
                .init("best", .fixed(4)), .init("worst", .fixed(4)), .init("default", .fixed(4)), .init("paper", .fixed(4)),
                .init("eps-spread-at-default-rho", .fixed(4)), .init("rho-spread-at-default-eps", .fixed(4)), .init("epochs", .integer),
                .init("largest-eps", .fixed(4)), .init("largest-eps-bound", .fixed(4)),
                .init("default-step", .fixed(2)), .init("largest-eps-step", .fixed(2)),
                .init("mean-image-loss", .fixed(4)),
                .init("largest-eps-step-first", .fixed(2)), .init("largest-epsilon", .scientific(0)), .init("default-rho", .fixed(2)),
                .init("gain-last-decade", .fixed(4)), .init("gain-previous-decade", .fixed(4)),
                .init("rho-count", .integer), .init("eps-count", .integer), .init("cell-count", .integer),
            ],
            tables: ["cells"], figures: ["heatmap"])
    }

    func run() throws -> ExperimentResult {
        var losses: [[Double]] = []
        // Median over epochs of the effective step RMS(Δθ)/RMS(g), per cell.
        var steps: [[Double]] = []
        // The same per cell for the first epoch only.
        var firstSteps: [[Double]] = []
        for rho in rhos {
            let records = epsilonPowers.map { power in
                setup.train(Adadelta(rho: rho, epsilon: Double.pow(10, power)), output: .relu)
            }
            losses.append(records.map { $0.loss.last ?? .nan })
            steps.append(records.map { $0.effectiveStep.sorted()[$0.effectiveStep.count / 2] })
            firstSteps.append(records.map { $0.effectiveStep.first ?? .nan })
        }
        let halfRho = (rhos[1] - rhos[0]) / 2
        let halfPower = (epsilonPowers[1] - epsilonPowers[0]) / 2
        let grid = Grid(losses, x: (epsilonPowers[0] - halfPower)...(epsilonPowers[epsilonPowers.count - 1] + halfPower),
                        y: (rhos[0] - halfRho)...(rhos[rhos.count - 1] + halfRho))
        let figure = Figure(
            description: "Heatmap: training mean squared error of the ReLU-output autoencoder after \(setup.epochs) epochs for ρ from \(rhos[0]) to \(rhos[rhos.count - 1]) and ε from 1e\(Int(epsilonPowers[0])) to 1e\(Int(epsilonPowers[epsilonPowers.count - 1])); ε matters far more than ρ.",
            size: Size(width: 600, height: 380),
            panel: Panel(x: Axis("log₁₀ ε"), y: Axis("ρ"), legend: .hidden, showsGrid: false,
                         layers: [.heatmap(Heatmap("training MSE", grid: grid, colorBar: "training MSE"))]))
        let flat = losses.flatMap { $0 }
        let column = { (power: Double) in epsilonPowers.firstIndex(of: power) ?? 0 }
        let row = { (rho: Double) in rhos.firstIndex(of: rho) ?? 0 }
        let table = ResultTable(
            columns: [ResultTable.Column("ρ")] + epsilonPowers.map { ResultTable.Column("ε = 1e\(Int($0))", format: .fixed(4)) },
            rows: zip(rhos, losses).map { rho, row in [.text("\(rho)")] + row.map { .number($0) } })
        return ExperimentResult(
            values: [
                "best": flat.min() ?? .nan, "worst": flat.max() ?? .nan,
                "default": losses[row(0.9)][column(-6)], "paper": losses[row(0.95)][column(-6)],
                "eps-spread-at-default-rho": (losses[row(0.9)].max() ?? .nan) - (losses[row(0.9)].min() ?? .nan),
                "rho-spread-at-default-eps": (losses.map { $0[column(-6)] }.max() ?? .nan) - (losses.map { $0[column(-6)] }.min() ?? .nan),
                "epochs": Double(setup.epochs),
                "largest-eps": losses[row(0.9)][epsilonPowers.count - 1],
                "largest-eps-bound": (Double.pow(10, epsilonPowers[epsilonPowers.count - 1]) / (1 - 0.9)).squareRoot(),
                "default-step": steps[row(0.9)][column(-6)],
                "largest-eps-step": steps[row(0.9)][epsilonPowers.count - 1],
                "mean-image-loss": setup.baselineLosses().meanImage,
                "largest-eps-step-first": firstSteps[row(0.9)][epsilonPowers.count - 1],
                "largest-epsilon": Double.pow(10, epsilonPowers[epsilonPowers.count - 1]),
                "default-rho": 0.9,
                // At ρ = 0.9: how much the last step up in ε lowered the loss, and the step before it.
                "gain-last-decade": losses[row(0.9)][epsilonPowers.count - 2] - losses[row(0.9)][epsilonPowers.count - 1],
                "gain-previous-decade": losses[row(0.9)][epsilonPowers.count - 3] - losses[row(0.9)][epsilonPowers.count - 2],
                "rho-count": Double(rhos.count), "eps-count": Double(epsilonPowers.count),
                "cell-count": Double(rhos.count * epsilonPowers.count),
            ],
            tables: ["cells": table], figures: ["heatmap": figure])
    }
}
