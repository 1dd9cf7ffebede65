import Foundation
import LossKit
import Testing
@testable import Experiments

/// The claims chapter 1 (the pixel-wise softmax loss) makes about its experiments.
@Suite struct PixelwiseSoftmaxTests {
    @Test func float32ExpOverflowsJustAboveTheMeasuredLimit() {
        let limit = Float(PixelwiseStability.expLimit(Float.self))
        #expect(exp(limit).isFinite)
        #expect(exp(limit.nextUp).isInfinite)
        #expect(abs(Double(limit) - log(Double(Float.greatestFiniteMagnitude))) < 1e-4)
        let limit64 = PixelwiseStability.expLimit(Double.self)
        #expect(exp(limit64).isFinite && exp(limit64.nextUp).isInfinite)
    }

    @Test func fusedLossIsFiniteWhereTheNaiveOneIsNot() throws {
        // One pixel whose largest logit is past Float's overflow point, another whose target probability underflows.
        let logits = Tensor<Float>(shape: [1, 3, 1, 2], scalars: [100, -120, 0, 50, -1, 0])
        let targets = [0, 0]
        let naive = NaiveSoftmaxCrossEntropy(reduction: .none).valueAndGradient(logits: logits, targets: targets).value.scalars
        #expect(naive[0].isNaN)
        #expect(naive[1].isInfinite)
        let fused = CrossEntropyLoss(reduction: .none).valueAndGradient(logits: logits, targets: targets)
        #expect(fused.value.scalars.allSatisfy { $0.isFinite })
        #expect(fused.gradient.scalars.allSatisfy { $0.isFinite })
        // Pixel 2's loss is log(e^-120 + e^50 + 1) + 120 ≈ 170.
        #expect(abs(fused.value.scalars[1] - 170) < 1e-3)
    }

    @Test func stabilityExperimentSeparatesTheMethods() throws {
        let values = try PixelwiseStability().run().values
        #expect(values["fused-failures"] == 0)
        #expect(values["fused-gradient-failures"] == 0)
        #expect(try #require(values["fused-f32-max-error"]) < 1e-6)
        #expect(try #require(values["fused-f64-max-error"]) < 1e-14)
        let f32 = try #require(values["naive-f32-first-failure"])
        let f64 = try #require(values["naive-f64-first-failure"])
        #expect(f32 > 1 && f32 < f64, "Float should fail at a smaller scale than Double")
        // The chapter says Double's first failures are underflows (∞), not overflows (NaN).
        #expect(values["naive-f64-first-nan"] == 0)
        #expect(try #require(values["naive-f64-first-infinite"]) > 0)
        #expect(try #require(values["largest-logit-at-f64-failure"]) < PixelwiseStability.expLimit(Double.self))
    }

    @Test func pixelwiseLossEqualsTheFlattenedMatrixAndTheFormulas() throws {
        let result = try PixelwiseEquivalence().run()
        #expect(try #require(result.values["largest-difference"]) < 1e-12)
        #expect(try #require(result.values["class-map-difference"]) < 1e-12)
        for row in 1...5 {
            let right = try #require(result.values["row\(row)-image"])
            let wrong = try #require(result.values["row\(row)-unpermuted"])
            #expect(abs(right - wrong) > 1e-3, "view(-1, C) without permute should give a different loss (row \(row))")
        }
    }

    @Test func weightedMeanDependsOnlyOnWeightRatios() {
        var generator = SeededGenerator(seed: 5)
        let logits = Tensor<Double>(shape: [2, 3, 2, 2], scalars: (0..<24).map { _ in generator.normal() })
        let targets = (0..<8).map { _ in generator.integer(below: 3) }
        let a = CrossEntropyLoss(weight: [0.2, 1, 3]).valueAndGradient(logits: logits, targets: targets)
        let b = CrossEntropyLoss(weight: [2, 10, 30]).valueAndGradient(logits: logits, targets: targets)
        #expect(abs(a.value.scalars[0] - b.value.scalars[0]) < 1e-12)
        #expect(zip(a.gradient.scalars, b.gradient.scalars).allSatisfy { abs($0 - $1) < 1e-12 })
    }

    @Test func gradientIsSoftmaxMinusOneHotAtEveryPixel() {
        var generator = SeededGenerator(seed: 9)
        let logits = Tensor<Double>(shape: [1, 4, 2, 3], scalars: (0..<24).map { _ in generator.normal(standardDeviation: 3) })
        let targets = (0..<6).map { _ in generator.integer(below: 4) }
        let gradient = CrossEntropyLoss(reduction: .sum).valueAndGradient(logits: logits, targets: targets).gradient
        let p = softmax(logits, axis: 1)
        for pixel in 0..<6 {
            for c in 0..<4 {
                let k = c * 6 + pixel
                #expect(abs(gradient.scalars[k] - (p.scalars[k] - (targets[pixel] == c ? 1 : 0))) < 1e-12)
            }
        }
    }

    @Test func smallInputMatchesTheDefinition() throws {
        let experiment = PixelwiseSmallInput()
        let values = try experiment.run().values
        // −log softmax at each of the four pixels, written out.
        let z = experiment.logits
        var total = 0.0
        for pixel in 0..<4 {
            let scores = (0..<3).map { z[$0 * 4 + pixel] }
            let lse = log(scores.map { exp($0) }.reduce(0, +))
            let loss = lse - scores[experiment.targets[pixel]]
            let reported = try #require(values["pixel\(pixel)"])
            #expect(abs(loss - reported) < 1e-12)
            total += loss
        }
        let mean = try #require(values["mean"])
        let ignoring = try #require(values["ignoring"])
        let last = try #require(values["pixel3"])
        #expect(abs(total / 4 - mean) < 1e-12)
        #expect(abs((total - last) / 3 - ignoring) < 1e-12)
    }

    @Test func classWeightsTradePrecisionForRecallOnTheThinBar() throws {
        let values = try PixelwiseSegmentation().run().values
        func value(_ key: String) throws -> Double { try #require(values[key], "\(key)") }
        // What the chapter reports: recall of the bar up, precision down, more pixels called bar.
        #expect(try value("weighted-recall-bar") > value("plain-recall-bar"))
        #expect(try value("weighted-precision-bar") < value("plain-precision-bar"))
        #expect(try value("weighted-predicted-bar") > value("plain-predicted-bar"))
        // …and, in this experiment, a lower IoU for the bar and a higher unweighted test loss.
        #expect(try value("weighted-iou-bar") < value("plain-iou-bar"))
        #expect(try value("weighted-test-loss") > value("plain-test-loss"))
        // The plain model beats chance by a wide margin, so the comparison is between working models.
        #expect(try value("plain-accuracy") > value("frequency-background"))
    }
}
