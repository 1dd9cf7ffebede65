import ExperimentKit
import LossKit
import SVGPlot

/// ∂ℓ/∂z for one example with target y = 1, as a function of p = σ(z): cross-entropy
/// (BCE with logits) against MSE on the sigmoid's output, both from LossKit's gradients.
struct LogitGradients: Experiment {
    var id: String { "lk-logit-gradient" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    @Param("target y") var target = 1
    @Param("p grid", shown: { "\($0) values evenly in (0, 1)" }) var points = 199
    @Param("probe p") var probe = 0.01

    var outputs: Outputs {
        Outputs(
            values: [
                .init("ce-at-probe", .fixed(3)), .init("mse-at-probe", .fixed(4)), .init("ratio-at-probe", .fixed(0)),
                .init("probe", .fixed(2)), .init("mse-peak-p", .fixed(3)), .init("mse-peak", .fixed(3)),
            ],
            figures: ["curves"])
    }

    /// (∂CE/∂z, ∂MSE/∂z) at probability p for target y, through LossKit's losses and the sigmoid's derivative.
    static func gradients(p: Double, y: Double) -> (ce: Double, mse: Double) {
        let z = Double.log(p / (1 - p))
        let target = Tensor(repeating: y, shape: [1])
        let ce = BinaryCrossEntropyWithLogitsLoss(reduction: .sum)
            .valueAndGradient(logits: Tensor(repeating: z, shape: [1]), targets: target).gradient.scalars[0]
        let dMSEdp = MeanSquaredErrorLoss(reduction: .sum)
            .valueAndGradient(predictions: Tensor(repeating: sigmoid(z), shape: [1]), targets: target).gradient.scalars[0]
        return (ce, dMSEdp * sigmoidDerivative(z))
    }

    func run() throws -> ExperimentResult {
        let p = (1...points).map { Double($0) / Double(points + 1) }
        let g = p.map { Self.gradients(p: $0, y: Double(target)) }
        let ce = g.map { -$0.ce }, mse = g.map { -$0.mse }
        let peak = mse.indices.max { mse[$0] < mse[$1] }!
        let atProbe = Self.gradients(p: probe, y: Double(target))
        let figure = Figure(
            description: "Magnitude of the gradient of the loss with respect to the logit for a positive example, against the predicted probability p.",
            size: Size(width: 640, height: 360),
            panel: Panel(x: Axis("predicted probability p (target y = 1)"), y: Axis("|∂ℓ/∂z|"), layers: [
                .span(Span(.x, from: 0, to: 0.1, label: "confidently wrong (p < 0.1)")),
                .line(Series("cross-entropy: 1 − p", x: p, y: ce, style: 2)),
                .line(Series("MSE: 2(1 − p)·p(1 − p)", x: p, y: mse, style: 1)),
                .annotation(Annotation("MSE peaks at p ≈ 1/3", x: 0.55, y: 0.45, arrowTo: (x: p[peak], y: mse[peak]))),
            ]))
        return ExperimentResult(
            values: [
                "ce-at-probe": -atProbe.ce, "mse-at-probe": -atProbe.mse, "ratio-at-probe": atProbe.ce / atProbe.mse,
                "probe": probe, "mse-peak-p": p[peak], "mse-peak": mse[peak],
            ],
            figures: ["curves": figure])
    }
}
