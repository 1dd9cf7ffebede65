import ExperimentKit
import LossKit
import RealModule
import SVGPlot

/// Naive softmax-then-log against the fused log-sum-exp form, in Float and Double,
/// as the logits of a 16×16 pixel map are scaled from 1 to 10⁴.
///
/// Every pixel has C logits `s·u` with `u ~ N(0, 1)` drawn once, and a random
/// target. The reference is the same per-pixel loss in Double written as
/// `(m − z_y) + log1p(Σ_{c≠argmax} exp(z_c − m))`, which never overflows.
struct PixelwiseStability: Experiment {
    var id: String { "ps-stability" }
    var version: Int { 2 }
    var sourceFile: String { #filePath }

    @Param("classes C") var classes = 5
    @Param("image H = W") var side = 16
    var stepsPerDecade = 12
    var decades = 4
    let shownScales = DerivedParameter<Self>("scales") { "10^(k/\($0.stepsPerDecade)), k = 0…\($0.stepsPerDecade * $0.decades)" }
    @Param("logit directions u") var directionLaw = "N(0, 1), one draw per pixel and class"
    @Param("seed") var seed: UInt64 = 11

    var outputs: Outputs {
        let methods: [Outputs.Value] = ["naive-f32", "naive-f64"].flatMap { key in
            [.init("\(key)-first-failure", .fixed(1)), .init("\(key)-first-infinite", .integer), .init("\(key)-first-nan", .integer),
             .init("\(key)-target-overflow", .integer), .init("\(key)-other-overflow", .integer), .init("\(key)-underflow", .integer),
             .init("\(key)-all-underflow", .integer), .init("\(key)-unexplained", .integer), .init("\(key)-failures", .integer),
             .init("\(key)-first-target-overflow", .integer), .init("\(key)-first-other-overflow", .integer),
             .init("\(key)-first-underflow", .integer), .init("\(key)-first-all-underflow", .integer)]
        }
        return Outputs(
            values: methods + [
                .init("f32-exp-limit", .fixed(2)), .init("f64-exp-limit", .fixed(2)),
                .init("largest-logit-at-f32-failure", .fixed(1)), .init("largest-logit-at-f64-failure", .fixed(0)),
                .init("fused-failures", .integer), .init("fused-gradient-failures", .integer),
                .init("fused-f32-max-error", .scientific(1)), .init("fused-f64-max-error", .scientific(1)),
                .init("naive-f32-max-error", .scientific(1)), .init("naive-f32-error-at-1", .scientific(1)),
                .init("fused-f32-error-at-1", .scientific(1)), .init("f32-rounding-unit", .scientific(1)), .init("f64-rounding-unit", .scientific(1)),
                .init("naive-f32-last-finite-scale", .fixed(1)), .init("naive-f32-error-at-last-finite", .scientific(1)),
                .init("naive-f32-max-error-before-last", .scientific(1)), .init("naive-f32-scale-before-last", .fixed(1)),
                .init("fused-f64-exact-scales", .integer), .init("naive-f64-exact-scales", .integer), .init("error-floor", .scientific(0)),
                .init("max-direction", .fixed(2)), .init("pixels", .integer), .init("scales", .integer),
                .init("classes", .integer), .init("side", .integer), .init("largest-scale", .integer),
            ],
            figures: ["error"])
    }

    /// Why a naive pixel has no finite loss, counted over every pixel at every scale.
    struct Causes {
        /// exp(z_y) overflowed: ∞/∞ = NaN.
        var targetOverflow = 0
        /// exp(z_y) is finite but the sum overflowed (another logit, or the sum itself): p_y = 0, loss ∞.
        var otherOverflow = 0
        /// Nothing overflowed but p_y underflowed to 0: loss ∞.
        var underflow = 0
        /// Every exp of the pixel underflowed to 0, the sum too: 0/0 = NaN.
        var allUnderflow = 0
        /// Failures the three causes do not explain, or causes whose symptom differs (NaN vs ∞): 0 if the story holds.
        var unexplained = 0
        var failures: Int { targetOverflow + otherOverflow + underflow + allUnderflow + unexplained }

        mutating func add(_ other: Causes) {
            targetOverflow += other.targetOverflow
            otherOverflow += other.otherOverflow
            underflow += other.underflow
            allUnderflow += other.allUnderflow
            unexplained += other.unexplained
        }
    }

    /// Classifies each naive pixel of one scale by the cause of its failure, in precision `S`, and
    /// checks the symptom the cause predicts against the naive loss actually returned.
    static func classify<S: Real & BinaryFloatingPoint>(_ logits: Tensor<S>, targets: [Int], losses: Tensor<S>, into causes: inout Causes) {
        let layout = ClassAxisLayout(shape: logits.shape)
        for element in 0..<layout.elementCount {
            let loss = losses.scalars[element]
            guard !loss.isFinite else { continue }
            var total: S = 0
            for c in 0..<layout.classes { total += S.exp(logits.scalars[layout.index(element: element, class: c)]) }
            let own = S.exp(logits.scalars[layout.index(element: element, class: targets[element])])
            if !own.isFinite {
                if loss.isNaN { causes.targetOverflow += 1 } else { causes.unexplained += 1 }
            } else if total == 0 {
                if loss.isNaN { causes.allUnderflow += 1 } else { causes.unexplained += 1 }
            } else if !total.isFinite {
                if loss.isInfinite { causes.otherOverflow += 1 } else { causes.unexplained += 1 }
            } else if own / total == 0 {
                if loss.isInfinite { causes.underflow += 1 } else { causes.unexplained += 1 }
            } else {
                causes.unexplained += 1
            }
        }
    }

    /// One precision's outcome at one scale: mean loss over pixels and how many pixels were ∞ or NaN.
    struct Outcome {
        var mean: Double
        var infinite: Int
        var notANumber: Int
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let pixels = side * side
        let directions = (0..<(classes * pixels)).map { _ in generator.normal() }
        let targets = (0..<pixels).map { _ in generator.integer(below: classes) }
        let shape = [1, classes, side, side]
        let scales = (0...(stepsPerDecade * decades)).map { Double.pow(10, Double($0) / Double(stepsPerDecade)) }

        var errors: [String: [Double]] = [:]
        var failures: [String: [Double]] = [:]
        var firstFailure: [String: Double] = [:]
        var firstFailureKinds: [String: (infinite: Int, notANumber: Int)] = [:]
        var fusedGradientFailures = 0
        let methods = ["naive Float32", "naive Float64", "fused Float32", "fused Float64"]
        var causes32 = Causes(), causes64 = Causes()
        // The causes at the first scale where each naive precision fails.
        var firstCauses32: Causes?, firstCauses64: Causes?
        for s in scales {
            let logits = Tensor<Double>(shape: shape, scalars: directions.map { s * $0 })
            let reference = Self.reference(logits, targets: targets)
            let logits32 = logits.converted(to: Float.self)
            let fused32 = CrossEntropyLoss(reduction: .none).valueAndGradient(logits: logits32, targets: targets)
            let fused64 = CrossEntropyLoss(reduction: .none).valueAndGradient(logits: logits, targets: targets)
            fusedGradientFailures += fused32.gradient.scalars.filter { !$0.isFinite }.count
            fusedGradientFailures += fused64.gradient.scalars.filter { !$0.isFinite }.count
            let naive32 = NaiveSoftmaxCrossEntropy(reduction: .none).valueAndGradient(logits: logits32, targets: targets).value
            let naive64 = NaiveSoftmaxCrossEntropy(reduction: .none).valueAndGradient(logits: logits, targets: targets).value
            var here32 = Causes(), here64 = Causes()
            Self.classify(logits32, targets: targets, losses: naive32, into: &here32)
            Self.classify(logits, targets: targets, losses: naive64, into: &here64)
            causes32.add(here32)
            causes64.add(here64)
            if firstCauses32 == nil, here32.failures > 0 { firstCauses32 = here32 }
            if firstCauses64 == nil, here64.failures > 0 { firstCauses64 = here64 }
            let outcomes = [
                "naive Float32": Self.outcome(naive32),
                "naive Float64": Self.outcome(naive64),
                "fused Float32": Self.outcome(fused32.value),
                "fused Float64": Self.outcome(fused64.value),
            ]
            for method in methods {
                let outcome = outcomes[method]!
                let failed = outcome.infinite + outcome.notANumber
                // NaN leaves a gap in the plot where the method gives no number at all.
                errors[method, default: []].append(failed > 0 ? .nan : abs(outcome.mean - reference) / reference)
                failures[method + " ∞", default: []].append(Double(outcome.infinite) / Double(pixels))
                failures[method + " NaN", default: []].append(Double(outcome.notANumber) / Double(pixels))
                if failed > 0, firstFailure[method] == nil {
                    firstFailure[method] = s
                    firstFailureKinds[method] = (outcome.infinite, outcome.notANumber)
                }
            }
        }

        // The largest signed logit direction: at scale s the largest logit on the map is s times it.
        let maxDirection = directions.max()!
        var values: [String: Double] = [
            "f32-exp-limit": Self.expLimit(Float.self), "f64-exp-limit": Self.expLimit(Double.self),
            "naive-f32-first-failure": firstFailure["naive Float32"] ?? 0,
            "naive-f64-first-failure": firstFailure["naive Float64"] ?? 0,
            "largest-logit-at-f32-failure": (firstFailure["naive Float32"] ?? 0) * maxDirection,
            "largest-logit-at-f64-failure": (firstFailure["naive Float64"] ?? 0) * maxDirection,
            "fused-failures": Double((firstFailure["fused Float32"] == nil ? 0 : 1) + (firstFailure["fused Float64"] == nil ? 0 : 1)),
            "fused-gradient-failures": Double(fusedGradientFailures),
            "max-direction": maxDirection, "pixels": Double(pixels), "scales": Double(scales.count),
            "classes": Double(classes), "side": Double(side), "largest-scale": scales.last!,
        ]
        for (method, key) in [("fused Float32", "fused-f32"), ("fused Float64", "fused-f64"), ("naive Float32", "naive-f32")] {
            let finite = errors[method]!.filter(\.isFinite)
            values[key + "-max-error"] = finite.max() ?? 0
        }
        values["naive-f32-error-at-1"] = errors["naive Float32"]![0]
        values["fused-f32-error-at-1"] = errors["fused Float32"]![0]
        values["f32-rounding-unit"] = Double(Float.ulpOfOne) / 2
        values["f64-rounding-unit"] = Double.ulpOfOne / 2
        // The naive Float error up to its first failure: the last scale before it, and the largest error before that.
        let naive32Errors = errors["naive Float32"]!
        let lastFinite = (naive32Errors.firstIndex { !$0.isFinite } ?? naive32Errors.count) - 1
        values["naive-f32-last-finite-scale"] = scales[lastFinite]
        values["naive-f32-error-at-last-finite"] = naive32Errors[lastFinite]
        values["naive-f32-max-error-before-last"] = naive32Errors[..<lastFinite].max() ?? 0
        values["naive-f32-scale-before-last"] = lastFinite > 0 ? scales[lastFinite - 1] : 0
        for (method, key) in [("naive Float32", "naive-f32"), ("naive Float64", "naive-f64")] {
            values[key + "-first-infinite"] = Double(firstFailureKinds[method]?.infinite ?? 0)
            values[key + "-first-nan"] = Double(firstFailureKinds[method]?.notANumber ?? 0)
        }
        for (causes, key) in [(causes32, "naive-f32"), (causes64, "naive-f64")] {
            values[key + "-target-overflow"] = Double(causes.targetOverflow)
            values[key + "-other-overflow"] = Double(causes.otherOverflow)
            values[key + "-underflow"] = Double(causes.underflow)
            values[key + "-all-underflow"] = Double(causes.allUnderflow)
            values[key + "-unexplained"] = Double(causes.unexplained)
            values[key + "-failures"] = Double(causes.failures)
        }
        for (causes, key) in [(firstCauses32 ?? Causes(), "naive-f32"), (firstCauses64 ?? Causes(), "naive-f64")] {
            values[key + "-first-target-overflow"] = Double(causes.targetOverflow)
            values[key + "-first-other-overflow"] = Double(causes.otherOverflow)
            values[key + "-first-underflow"] = Double(causes.underflow)
            values[key + "-first-all-underflow"] = Double(causes.allUnderflow)
        }
        values["fused-f64-exact-scales"] = Double(errors["fused Float64"]!.filter { $0 == 0 }.count)
        values["naive-f64-exact-scales"] = Double(errors["naive Float64"]!.filter { $0 == 0 }.count)
        values["error-floor"] = Self.errorFloor

        let errorPanel = Panel(
            title: "error of the mean loss", x: Axis("logit scale s", scale: .log), y: Axis("relative error", scale: .log),
            legend: .outside,
            layers: methods.enumerated().map { index, method in
                // Exact agreement cannot sit on a log axis; it is drawn at the floor, and the caption says so.
                .line(Series(method, x: scales, y: errors[method]!.map { $0.isNaN ? .nan : max($0, Self.errorFloor) }, style: index + 1))
            })
        let failurePanel = Panel(
            title: "naive pixels with no finite loss", x: Axis("logit scale s", scale: .log),
            y: Axis("fraction of pixels", limits: 0...1), legend: .outside,
            layers: [
                .line(Series("Float32, loss = ∞", x: scales, y: failures["naive Float32 ∞"]!, style: 1)),
                .line(Series("Float32, loss = NaN", x: scales, y: failures["naive Float32 NaN"]!, style: 5)),
                .line(Series("Float64, loss = ∞", x: scales, y: failures["naive Float64 ∞"]!, style: 2)),
                .line(Series("Float64, loss = NaN", x: scales, y: failures["naive Float64 NaN"]!, style: 6)),
            ])
        let figure = Figure(
            description: "Top: relative error of the mean loss over \(pixels) pixels against a Float64 reference, log–log, gaps where the method returns ∞ or NaN. Bottom: fraction of pixels whose naive loss is ∞ or NaN.",
            size: Size(width: 640, height: 680), columns: 1, sharesX: true, panels: [errorPanel, failurePanel])
        return ExperimentResult(values: values, figures: ["error": figure])
    }

    /// Where relative errors below it, including exact zeros, are drawn.
    static let errorFloor = 1e-17

    static func outcome<S>(_ perPixel: Tensor<S>) -> Outcome {
        let losses = perPixel.scalars.map { Double($0) }
        return Outcome(
            mean: losses.reduce(0, +) / Double(losses.count),
            infinite: losses.filter(\.isInfinite).count, notANumber: losses.filter(\.isNaN).count)
    }

    /// Mean over pixels of `(m − z_y) + log1p(Σ_{c≠argmax} exp(z_c − m))`, all in Double.
    static func reference(_ logits: Tensor<Double>, targets: [Int]) -> Double {
        let layout = ClassAxisLayout(shape: logits.shape)
        var total = 0.0
        for element in 0..<layout.elementCount {
            let z = (0..<layout.classes).map { logits.scalars[layout.index(element: element, class: $0) ] }
            let top = z.indices.max { z[$0] < z[$1] }!
            let rest = z.indices.filter { $0 != top }.reduce(0.0) { $0 + Double.exp(z[$1] - z[top]) }
            total += (z[top] - z[targets[element]]) + Double.log(onePlus: rest)
        }
        return total / Double(layout.elementCount)
    }

    /// The largest x whose exp(x) is finite in `S`, found by bisection between neighbouring values.
    static func expLimit<S: Real & BinaryFloatingPoint>(_: S.Type) -> Double {
        var finite: S = 1
        var overflow: S = 1
        while S.exp(overflow).isFinite { overflow *= 2 }
        while finite.nextUp < overflow {
            let middle = finite + (overflow - finite) / 2
            if middle == finite || middle == overflow { break }
            if S.exp(middle).isFinite { finite = middle } else { overflow = middle }
        }
        return Double(finite)
    }
}
