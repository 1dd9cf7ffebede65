import ExperimentKit
import LossKit

/// The 1×3×2×2 example that the chapter's PyTorch snippet uses, computed by LossKit.
struct PixelwiseSmallInput: Experiment {
    var id: String { "ps-small-input" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    /// Logits `[1, 3, 2, 2]` row-major: class 0's 2×2 map, then class 1's, then class 2's.
    @Param("logits [1, 3, 2, 2]") var logits: [Double] = [2.0, -1.0, 0.5, 0.0, 0.5, 1.5, -0.5, 2.0, -1.0, 0.0, 1.0, 0.5]
    /// Targets `[1, 2, 2]` row-major.
    @Param("targets [1, 2, 2]", shown: { $0.map(String.init).joined(separator: ", ") }) var targets = [0, 1, 2, 2]
    @Param("class weights") var classWeights = [1.0, 2.0, 0.5]
    @Param("label smoothing") var labelSmoothing = 0.1
    @Param("seed") var seed = "none (fixed input)"

    var outputs: Outputs {
        Outputs(values: ["mean", "weighted", "ignoring", "smoothed"].map { .init($0, .fixed(10)) }
            + targets.indices.map { .init("pixel\($0)", .fixed(4)) })
    }

    func run() throws -> ExperimentResult {
        // region: small-input
        let z = Tensor<Double>(shape: [1, 3, 2, 2], scalars: logits)
        let mean = CrossEntropyLoss().valueAndGradient(logits: z, targets: targets).value
        let perPixel = CrossEntropyLoss(reduction: .none).valueAndGradient(logits: z, targets: targets).value
        let weighted = CrossEntropyLoss(weight: classWeights).valueAndGradient(logits: z, targets: targets).value
        var someIgnored = targets
        someIgnored[3] = -100  // PyTorch's default ignore_index
        let ignoring = CrossEntropyLoss().valueAndGradient(logits: z, targets: someIgnored).value
        let smoothed = CrossEntropyLoss(labelSmoothing: labelSmoothing).valueAndGradient(logits: z, targets: targets).value
        // endregion
        var values = ["mean": mean.scalars[0], "weighted": weighted.scalars[0], "ignoring": ignoring.scalars[0],
                      "smoothed": smoothed.scalars[0]]
        for (k, v) in perPixel.scalars.enumerated() { values["pixel\(k)"] = v }
        return ExperimentResult(values: values)
    }
}
