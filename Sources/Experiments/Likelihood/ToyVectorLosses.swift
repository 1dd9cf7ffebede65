import ExperimentKit
import LossKit
import SVGPlot

/// The thread's toy case: one target vector of zeros (and one of ones) against
/// the predictions 0, 0.1, …, 1, scored element by element with MSE and BCE.
struct ToyVectorLosses: Experiment {
    var id: String { "lk-toy-vectors" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    @Param("predictions", shown: { "0, 0.1, …, 1 (\($0) values)" }) var points = 11
    @Param("targets") var targets = "all 0, then all 1"
    @Param("losses") var losses = "MeanSquaredErrorLoss, BinaryCrossEntropyLoss (log clamped at −100), reduction none and mean"

    var outputs: Outputs {
        Outputs(
            values: [
                .init("mean-mse-zeros", .fixed(2)), .init("mean-bce-zeros", .fixed(2)), .init("mean-mse-ones", .fixed(2)),
                .init("mean-bce-ones", .fixed(2)), .init("bce-clamped", .fixed(0)), .init("mean-bce-zeros-bits", .fixed(2)),
                .init("mean-bce-zeros-without-end", .fixed(2)), .init("sum-mse-zeros", .fixed(2)), .init("points", .integer),
                .init("bce-at-09", .fixed(2)), .init("mse-at-09", .fixed(2)),
                .init("bce-at-099", .fixed(2)), .init("mse-at-099", .fixed(2)),
                .init("bce-at-0999", .fixed(2)), .init("mse-at-0999", .fixed(3)),
            ],
            tables: ["per-element"], figures: ["losses"])
    }

    func run() throws -> ExperimentResult {
        let p = (0..<points).map { Double($0) / Double(points - 1) }
        let predictions = Tensor(shape: [points], scalars: p)
        func losses(target: Double) -> (mse: [Double], bce: [Double]) {
            let t = Tensor(repeating: target, shape: [points])
            let mse = MeanSquaredErrorLoss(reduction: .none).valueAndGradient(predictions: predictions, targets: t).value.scalars
            let bce = BinaryCrossEntropyLoss(reduction: .none).valueAndGradient(probabilities: predictions, targets: t).value.scalars
            // + 0 turns BCE's −0 (y = p = 0) into 0 for the table.
            return (mse, bce.map { $0 + 0 })
        }
        let zeros = losses(target: 0), ones = losses(target: 1)
        // Where the two part ways: confident mistakes of 0.99 and 0.999 against a target of 0.
        let nearOne = Tensor(shape: [2], scalars: [0.99, 0.999]), zero = Tensor(repeating: 0.0, shape: [2])
        let mseNearOne = MeanSquaredErrorLoss(reduction: .none).valueAndGradient(predictions: nearOne, targets: zero).value.scalars
        let bceNearOne = BinaryCrossEntropyLoss(reduction: .none).valueAndGradient(probabilities: nearOne, targets: zero).value.scalars
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }

        let table = ResultTable(
            columns: [ResultTable.Column("prediction p", format: .fixed(1)),
                      ResultTable.Column("MSE, y = 0", format: .fixed(3)), ResultTable.Column("BCE, y = 0", format: .fixed(3)),
                      ResultTable.Column("MSE, y = 1", format: .fixed(3)), ResultTable.Column("BCE, y = 1", format: .fixed(3))],
            rows: p.indices.map { k in
                [.number(p[k]), .number(zeros.mse[k]), .number(zeros.bce[k]), .number(ones.mse[k]), .number(ones.bce[k])]
            } + [[.text("mean"), .number(mean(zeros.mse)), .number(mean(zeros.bce)), .number(mean(ones.mse)), .number(mean(ones.bce))]])

        // Smooth curves on the open interval, with the 11 table points on top (p = 0 and 1 left out where BCE is clamped).
        let fine = (1..<200).map { Double($0) / 200 }
        let fineT = Tensor(shape: [fine.count], scalars: fine)
        func curve(_ target: Double, bce: Bool) -> [Double] {
            let t = Tensor(repeating: target, shape: [fine.count])
            return bce ? BinaryCrossEntropyLoss(reduction: .none).valueAndGradient(probabilities: fineT, targets: t).value.scalars
                : MeanSquaredErrorLoss(reduction: .none).valueAndGradient(predictions: fineT, targets: t).value.scalars
        }
        let inner = Array(1..<(points - 1))
        func panel(_ title: String, _ target: Double, _ values: (mse: [Double], bce: [Double])) -> Panel {
            Panel(title: title, x: Axis("prediction p"), y: Axis("per-element loss", limits: 0...3), layers: [
                .line(Series("MSE (p − y)²", x: fine, y: curve(target, bce: false), style: 1)),
                .line(Series("BCE −log-likelihood", x: fine, y: curve(target, bce: true).map { $0 > 3 ? .nan : $0 }, style: 2)),
                .scatter(Series("MSE at 0, 0.1, …, 1", x: p, y: values.mse, style: 1)),
                .scatter(Series("BCE at 0.1, …, 0.9", x: inner.map { p[$0] }, y: inner.map { values.bce[$0] }.map { $0 > 3 ? .nan : $0 }, style: 2)),
            ])
        }
        let figure = Figure(
            description: "Per-element MSE and binary cross-entropy for predictions 0…1 against targets all 0 (left) and all 1 (right); BCE values above 3 are cut off.",
            size: Size(width: 720, height: 340), columns: 2, sharesY: true, panels: [
                panel("targets all 0", 0, zeros), panel("targets all 1", 1, ones),
            ])
        return ExperimentResult(
            values: [
                "mean-mse-zeros": mean(zeros.mse), "mean-bce-zeros": mean(zeros.bce),
                "mean-mse-ones": mean(ones.mse), "mean-bce-ones": mean(ones.bce),
                "bce-clamped": zeros.bce[points - 1], "mean-bce-zeros-bits": mean(zeros.bce) / Double.log(2),
                "mean-bce-zeros-without-end": mean(Array(zeros.bce[0..<(points - 1)])),
                "sum-mse-zeros": zeros.mse.reduce(0, +), "points": Double(points),
                "bce-at-09": zeros.bce[points - 2], "mse-at-09": zeros.mse[points - 2],
                "mse-at-099": mseNearOne[0], "bce-at-099": bceNearOne[0],
                "mse-at-0999": mseNearOne[1], "bce-at-0999": bceNearOne[1],
            ],
            tables: ["per-element": table], figures: ["losses": figure])
    }
}
