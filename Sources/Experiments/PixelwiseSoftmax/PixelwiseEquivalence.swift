import ExperimentKit
import LossKit
import RealModule

/// Pixel-wise cross-entropy on `[N, C, H, W]` against plain cross-entropy on the
/// `[N·H·W, C]` matrix of the same logits, and against a loop written from the
/// chapter's formulas, for plain, weighted, ignored, smoothed and weight-map losses.
struct PixelwiseEquivalence: Experiment {
    var id: String { "ps-equivalence" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    var batch = 2
    var classes = 4
    var height = 3
    var width = 5
    let shownShape = DerivedParameter<Self>("shape N×C×H×W") { "\($0.batch)×\($0.classes)×\($0.height)×\($0.width)" }
    @Param("logits", shown: { "N(0, \($0)²)" }) var logitScale = 2.0
    @Param("class weights") var classWeights = [0.5, 1.0, 2.0, 4.0]
    @Param("ignore_index") var ignoreIndex = 255
    @Param("ignored fraction") var ignoredFraction = 0.2
    @Param("label smoothing") var labelSmoothing = 0.1
    @Param("weight map") var weightMapLaw = "uniform in [0.5, 3] per pixel"
    @Param("seed") var seed: UInt64 = 3

    var outputs: Outputs {
        let rows: [Outputs.Value] = (1...settings.count).flatMap { row in
            [.init("row\(row)-image", .fixed(4)), .init("row\(row)-unpermuted", .fixed(4))]
        }
        return Outputs(
            values: rows + [
                .init("weight-map", .fixed(6)), .init("class-map", .fixed(6)), .init("class-map-difference", .scientific(1)),
                .init("largest-difference", .scientific(1)), .init("ignored-pixels", .integer), .init("pixels", .integer),
            ],
            tables: ["equivalence"])
    }

    /// One loss setting: how to build the loss and whether targets carry ignored pixels.
    struct Setting {
        var name: String
        var loss: CrossEntropyLoss
        var ignores: Bool
    }

    /// The loss settings the table compares, one row each.
    var settings: [Setting] {
        [
            Setting(name: "plain mean", loss: CrossEntropyLoss(ignoreIndex: ignoreIndex), ignores: false),
            Setting(name: "class weights", loss: CrossEntropyLoss(weight: classWeights, ignoreIndex: ignoreIndex), ignores: false),
            Setting(name: "ignore_index", loss: CrossEntropyLoss(ignoreIndex: ignoreIndex), ignores: true),
            Setting(name: "weights + ignore", loss: CrossEntropyLoss(weight: classWeights, ignoreIndex: ignoreIndex), ignores: true),
            Setting(name: "weights + ignore + smoothing",
                    loss: CrossEntropyLoss(weight: classWeights, ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing), ignores: true),
        ]
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let shape = [batch, classes, height, width]
        let pixels = batch * height * width
        let logits = Tensor<Double>(shape: shape, scalars: (0..<(shape.reduce(1, *))).map { _ in generator.normal(standardDeviation: logitScale) })
        let targets = (0..<pixels).map { _ in generator.integer(below: classes) }
        let ignored = targets.map { generator.bernoulli(ignoredFraction) ? ignoreIndex : $0 }
        let weightMap = (0..<pixels).map { _ in generator.uniform(0.5, 3) }
        let matrix = Self.pixelsAsRows(logits)

        var rows: [[ResultTable.Cell]] = []
        var values: [String: Double] = [:]
        var largestDifference = 0.0
        for (index, setting) in settings.enumerated() {
            let y = setting.ignores ? ignored : targets
            let image = setting.loss.valueAndGradient(logits: logits, targets: y)
            let flat = setting.loss.valueAndGradient(logits: matrix, targets: y)
            let byHand = byHand(logits, targets: y, weight: setting.loss.weight, smoothing: setting.loss.labelSmoothing)
            // The classic bug: reinterpret the NCHW buffer as rows of C without moving the class axis last.
            let unpermuted = setting.loss.valueAndGradient(logits: logits.reshaped([pixels, classes]), targets: y)
            let gradientDifference = zip(Self.pixelsAsRows(image.gradient).scalars, flat.gradient.scalars).map { abs($0 - $1) }.max()!
            let difference = max(abs(image.value.scalars[0] - flat.value.scalars[0]), abs(image.value.scalars[0] - byHand))
            largestDifference = max(largestDifference, difference, gradientDifference)
            rows.append([.text(setting.name), .number(image.value.scalars[0]), .number(flat.value.scalars[0]), .number(byHand),
                         .number(max(difference, gradientDifference)), .number(unpermuted.value.scalars[0])])
            values["row\(index + 1)-image"] = image.value.scalars[0]
            values["row\(index + 1)-unpermuted"] = unpermuted.value.scalars[0]
        }

        // region: weight-map
        // U-Net style: keep one loss per pixel, multiply by the map, normalise by the map's sum.
        let perPixel = CrossEntropyLoss(reduction: .none).valueAndGradient(logits: logits, targets: targets).value
        let mapped = zip(perPixel.scalars, weightMap).map { $0 * $1 }.reduce(0, +) / weightMap.reduce(0, +)
        // A map equal to w[y] at every pixel reproduces the class-weighted mean.
        let classMap = targets.map { classWeights[$0] }
        let classMapped = zip(perPixel.scalars, classMap).map { $0 * $1 }.reduce(0, +) / classMap.reduce(0, +)
        // endregion
        let mapByHand = zip(weightMap, targets.indices).map { w, n in w * Self.pixelLoss(logits, element: n, target: targets[n]) }
            .reduce(0, +) / weightMap.reduce(0, +)
        rows.append([.text("weight map (none, ×map, ÷Σmap)"), .number(mapped), .text("—"), .number(mapByHand),
                     .number(abs(mapped - mapByHand)), .text("—")])
        largestDifference = max(largestDifference, abs(mapped - mapByHand))
        values["weight-map"] = mapped
        values["class-map"] = classMapped
        values["class-map-difference"] = abs(classMapped - values["row2-image"]!)
        values["largest-difference"] = largestDifference
        values["ignored-pixels"] = Double(ignored.filter { $0 == ignoreIndex }.count)
        values["pixels"] = Double(pixels)

        let table = ResultTable(
            columns: [ResultTable.Column("setting"), ResultTable.Column("on [N, C, H, W]", format: .fixed(6)),
                      ResultTable.Column("on [N·H·W, C]", format: .fixed(6)), ResultTable.Column("loop over the formulas", format: .fixed(6)),
                      ResultTable.Column("largest |difference| (loss, gradient)", format: .scientific(1)),
                      ResultTable.Column("view(−1, C) without permute", format: .fixed(6))],
            rows: rows)
        return ExperimentResult(values: values, tables: ["equivalence": table])
    }

    /// `[N, C, H, W]` → `[N·H·W, C]`: PyTorch's `x.permute(0, 2, 3, 1).reshape(-1, C)`.
    static func pixelsAsRows(_ x: Tensor<Double>) -> Tensor<Double> {
        let (n, c, inner) = (x.shape[0], x.shape[1], x.shape[2] * x.shape[3])
        var out = [Double](repeating: 0, count: x.count)
        for b in 0..<n {
            for k in 0..<c {
                for i in 0..<inner { out[(b * inner + i) * c + k] = x.scalars[(b * c + k) * inner + i] }
            }
        }
        return Tensor(shape: [n * inner, c], scalars: out)
    }

    /// log Σ_c exp z_c − z_y at one pixel, from the definition (shifted by the maximum).
    static func pixelLoss(_ logits: Tensor<Double>, element: Int, target: Int) -> Double {
        logSumExp(logits, element: element) - logit(logits, element: element, class: target)
    }

    static func logSumExp(_ logits: Tensor<Double>, element: Int) -> Double {
        let z = (0..<logits.shape[1]).map { logit(logits, element: element, class: $0) }
        let m = z.max()!
        return m + Double.log(z.reduce(0) { $0 + Double.exp($1 - m) })
    }

    static func logit(_ logits: Tensor<Double>, element: Int, class c: Int) -> Double {
        let inner = logits.shape[2] * logits.shape[3]
        let (n, i) = (element / inner, element % inner)
        return logits.scalars[(n * logits.shape[1] + c) * inner + i]
    }

    /// Σ over counted pixels of w_y·[(1−ε)ℓ_y + (ε/C)Σ_c (w_c/w_y)ℓ_c] ÷ Σ over counted pixels of w_y.
    func byHand(_ logits: Tensor<Double>, targets: [Int], weight: [Double]?, smoothing: Double) -> Double {
        let w = weight ?? Array(repeating: 1, count: classes)
        var total = 0.0
        var denominator = 0.0
        for (element, y) in targets.enumerated() where y != ignoreIndex {
            let lse = Self.logSumExp(logits, element: element)
            let smooth = (0..<classes).reduce(0.0) { $0 + w[$1] * (lse - Self.logit(logits, element: element, class: $1)) }
            total += (1 - smoothing) * w[y] * (lse - Self.logit(logits, element: element, class: y)) + smoothing / Double(classes) * smooth
            denominator += w[y]
        }
        return total / denominator
    }
}
