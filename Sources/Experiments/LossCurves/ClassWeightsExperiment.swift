import ExperimentKit
import LossKit
import SVGPlot

/// Chapter 4 (a) and (c): a right-sized model (one linear layer, a logistic
/// regression per label) on imbalanced multi-label data, trained once without
/// and once with positive weights w_l = (1 − π_l)/π_l. Records training and
/// validation loss per epoch and compares the two models' predicted
/// probabilities with the weighted optimum p* = wq / (wq + 1 − q).
struct ClassWeightsExperiment: SeededExperiment {
    var id: String { "lc-class-weights" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    @Param("seed") var seed: UInt64 = 4
    var seeds: [UInt64] { [4, 5, 6, 7, 8] }
    var trainCount = 400
    var validationCount = 400
    let shownSplit = DerivedParameter<Self>("train / validation") { "\($0.trainCount) / \($0.validationCount)" }
    @Param("feature dimensions") var dimensions = 10
    @Param("label base rates π") var baseRates = [0.3, 0.1, 0.04, 0.02]
    @Param("feature noise σ") var noise = 1.5
    let shownModel = DerivedParameter<Self>("model") { "\($0.dimensions) → \($0.baseRates.count) logits (one logistic regression per label)" }
    @Param("optimiser") var optimiser = "Adam"
    @Param("learning rate") var learningRate = 0.05
    @Param("batch size") var batchSize = 100
    @Param("epochs") var epochs = 30
    @Param("positive weights") var positiveWeights = "(1 − π̂)/π̂ from the training labels"
    @Param("converged fits") var convergedFits = "Newton's method, unregularised"
    @Param("large sample") var largeCount = 4000

    var outputs: Outputs {
        let perLabel: [Outputs.Value] = (1...baseRates.count).flatMap { l in
            [.init("label-\(l)-rate", .percent(1)), .init("label-\(l)-weight", .fixed(1)),
             .init("label-\(l)-constant-plain", .fixed(3)), .init("label-\(l)-constant-weighted", .fixed(3)),
             .init("label-\(l)-constant-optimum", .fixed(3)),
             .init("label-\(l)-mean-p-unweighted", .fixed(3)), .init("label-\(l)-mean-p-weighted", .fixed(3)),
             .init("label-\(l)-recall-unweighted", .fixed(2)), .init("label-\(l)-recall-weighted", .fixed(2)),
             .init("label-\(l)-precision-unweighted", .fixed(2)), .init("label-\(l)-precision-weighted", .fixed(2)),
             .init("label-\(l)-ap-unweighted", .fixed(2)), .init("label-\(l)-ap-weighted", .fixed(2)),
             .init("label-\(l)-auc-unweighted", .fixed(3)), .init("label-\(l)-auc-weighted", .fixed(3)),
             .init("label-\(l)-baseline-ap", .fixed(3)), .init("label-\(l)-log-weight", .fixed(2)),
             .init("label-\(l)-shift-trained", .fixed(2)), .init("label-\(l)-shift-converged", .fixed(2)),
             .init("label-\(l)-shift-large", .fixed(2)), .init("label-\(l)-shift-specified", .fixed(2)),
             .init("label-\(l)-slope-change-large", .percent(0)), .init("label-\(l)-slope-change-specified", .percent(0)),
             .init("label-\(l)-train-mean-p-unweighted", .fixed(3)), .init("label-\(l)-train-positives", .integer),
             .init("label-\(l)-validation-positives", .integer), .init("label-\(l)-separable", .integer),
             .init("label-\(l)-separable-large", .integer), .init("label-\(l)-separable-specified", .integer),
             .init("label-\(l)-plain-precision-at-weighted-recall", .fixed(2)),
             .init("label-\(l)-weighted-precision-same-rule", .fixed(2)),
             .init("label-\(l)-matched-plain-higher", .integer), .init("label-\(l)-same-rule-plain-higher", .integer),
             .init("label-\(l)-same-rule-difference", .fixed(2)),
             .init("label-\(l)-converged-weighted-norm", .fixed(1)), .init("label-\(l)-converged-weighted-movement", .scientific(1)),
             .init("label-\(l)-converged-plain-norm", .fixed(1)), .init("label-\(l)-converged-stalled", .integer),
             .init("label-\(l)-converged-weighted-slope-norm", .fixed(1)), .init("label-\(l)-converged-plain-slope-norm", .fixed(1)),
             .init("label-\(l)-converged-plain-loss", .scientific(1))]
        }
        return Outputs(
            values: perLabel + [
                .init("rare-label", .integer), .init("rare-weight", .fixed(1)),
                .init("rare-optimum-gap-mean", .fixed(2)), .init("rare-optimum-gap-max", .fixed(2)),
                .init("unweighted-final-train", .fixed(3)), .init("unweighted-final-validation", .fixed(3)),
                .init("weighted-final-train", .fixed(3)), .init("weighted-final-validation", .fixed(3)),
                .init("weighted-gap-mean-last-half", .fixed(2)), .init("weighted-validation-min-epoch", .integer),
                .init("epochs", .integer), .init("train-count", .integer), .init("validation-count", .integer),
                .init("constant-plain-loss", .fixed(3)), .init("constant-weighted-loss", .fixed(3)),
                .init("constant-max-gap", .scientific(1)), .init("constant-plain-max-gap", .scientific(1)),
                .init("rare-label-gap-share", .percent(0)), .init("rare-label-gap", .fixed(2)), .init("weighted-final-gap", .fixed(2)),
                .init("weighted-final-validation-plain-bce", .fixed(3)),
                .init("mean-ap-unweighted", .fixed(3)), .init("mean-ap-weighted", .fixed(3)),
                .init("mean-auc-unweighted", .fixed(3)), .init("mean-auc-weighted", .fixed(3)),
                .init("mean-ap-difference", .fixed(3)), .init("mean-auc-difference", .fixed(3)),
                .init("max-shift-error-specified", .fixed(2)), .init("max-shift-error-large", .fixed(2)),
                .init("max-shift-error-converged", .fixed(2)), .init("max-shift-error-trained", .fixed(2)),
                .init("max-fit-gradient", .scientific(1)), .init("rare-train-mean-p-unweighted", .fixed(3)),
                .init("all-zeros-binary-accuracy", .percent(1)),
                .init("labels", .integer), .init("seed-count", .integer),
                .init("rare-above-diagonal-count", .integer), .init("rare-below-diagonal-count", .integer),
                .init("rare-above-diagonal-share", .percent(0)),
                .init("rare-median-probability-change", .fixed(3)), .init("rare-median-logit-shift", .fixed(2)),
                .init("rare-slope-norm-ratio", .fixed(2)),
                .init("weighted-validation-min", .fixed(3)), .init("weighted-validation-rise", .fixed(3)),
                .init("weighted-curve-gap-early", .fixed(2)), .init("gap-early-epoch", .integer), .init("weighted-curve-gap-final", .fixed(2)),
                .init("rare-gap-from-rates", .fixed(2)),
                .init("rare-positive-loss-train", .fixed(2)), .init("rare-positive-loss-validation", .fixed(2)),
                .init("rare-negative-loss-train", .fixed(3)), .init("rare-negative-loss-validation", .fixed(3)),
                .init("separable-count", .integer), .init("min-distance-to-zero-loss", .scientific(0)), .init("separable-large-count", .integer),
                .init("finite-minor-count", .integer), .init("finite-minor-below-count", .integer),
                .init("max-matched-precision-difference", .fixed(2)),
                .init("unweighted-binary-accuracy", .percent(1)), .init("weighted-binary-accuracy", .percent(1)),
                .init("rare-gap-from-rates-validation", .fixed(2)), .init("rare-gap-from-rates-share-low", .percent(0)),
                .init("rare-gap-from-rates-share-high", .percent(0)),
                .init("converged-miss-larger", .integer), .init("control-miss-smaller", .integer),
                .init("auc-difference-positive", .integer), .init("rare-converged-slope-ratio", .fixed(2)),
                .init("weighted-train-over-plain-validation-min", .fixed(2)),
                .init("weighted-end-gap-mean-last-half", .fixed(2)), .init("weighted-end-gap-final", .fixed(2)),
            ],
            tables: ["labels"], figures: ["curves", "shift", "means", "shifts"])
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let data = MultiLabelData(count: trainCount + validationCount, dimensions: dimensions, baseRates: baseRates,
                                  noise: noise, generator: &generator)
        let labels = baseRates.count
        let trainRows = Array(0..<trainCount), validationRows = Array(trainCount..<(trainCount + validationCount))
        let x = data.features.rows(trainRows), y = data.targets.rows(trainRows)
        let validationX = data.features.rows(validationRows), validationY = data.targets.rows(validationRows)
        let rates = Self.positiveRates(y)
        // region: weights
        let positiveWeight = rates.map { (1 - $0) / $0 }
        let weighted = BinaryCrossEntropyWithLogitsLoss(positiveWeight: positiveWeight)
        // endregion
        let plain = BinaryCrossEntropyWithLogitsLoss()
        let initial = Dense(inputs: dimensions, outputs: labels, generator: &generator)

        func train(_ loss: BinaryCrossEntropyWithLogitsLoss) -> (model: Dense, train: [Double], validation: [Double], validationPlain: [Double], trainEnd: [Double]) {
            var model = initial
            var optimizer = Adam(learningRate: learningRate)
            var shuffle = SeededGenerator(seed: seed &+ 1)
            var trainCurve: [Double] = [], validationCurve: [Double] = [], validationPlain: [Double] = [], trainEnd: [Double] = []
            for _ in 1...epochs {
                trainCurve.append(MiniBatchTrainer(batchSize: batchSize).epoch(
                    model: &model, optimizer: &optimizer, inputs: x, generator: &shuffle
                ) { out, batch in
                    let r = loss.valueAndGradient(logits: out, targets: y.rows(batch))
                    return (r.value.scalars[0], r.gradient)
                })
                validationCurve.append(loss.valueAndGradient(logits: model(validationX), targets: validationY).value.scalars[0])
                // The training loss at the same point as the validation loss: the epoch's end, with the same weights.
                trainEnd.append(loss.valueAndGradient(logits: model(x), targets: y).value.scalars[0])
                // What Keras reports as val_loss when class_weight is passed to fit: the unweighted loss.
                validationPlain.append(plain.valueAndGradient(logits: model(validationX), targets: validationY).value.scalars[0])
            }
            return (model, trainCurve, validationCurve, validationPlain, trainEnd)
        }
        let unweightedRun = train(plain), weightedRun = train(weighted)

        // A bias-only model (the input is a constant 0) can only learn one probability per label: p*.
        func biasOnly(_ loss: BinaryCrossEntropyWithLogitsLoss) -> [Double] {
            var model = Dense(inputs: 1, outputs: labels, parameters: Array(repeating: 0, count: 2 * labels))
            var optimizer = Adam(learningRate: 0.1)
            let zero = Tensor(repeating: 0.0, shape: [trainCount, 1])
            for _ in 0..<200 {
                let g = loss.valueAndGradient(logits: model(zero), targets: y).gradient
                optimizer.step(parameters: &model.parameters, gradient: model.backward(input: zero, outputGradient: g).parameters)
            }
            return model(Tensor(repeating: 0.0, shape: [1, 1])).scalars.map { sigmoid($0) }
        }
        let constantPlain = biasOnly(plain), constantWeighted = biasOnly(weighted)
        let constantOptimum = (0..<labels).map { Self.optimum(weight: positiveWeight[$0], rate: rates[$0]) }

        // Predicted probabilities on the validation set; the weighted model against the optimum from the plain one.
        let q = unweightedRun.model(validationX).scalars.map { sigmoid($0) }
        let p = weightedRun.model(validationX).scalars.map { sigmoid($0) }
        func column(_ v: [Double], _ l: Int) -> [Double] { stride(from: l, to: v.count, by: labels).map { v[$0] } }
        func mean(_ v: [Double]) -> Double { v.reduce(0, +) / Double(v.count) }
        let rare = labels - 1
        let predicted = column(q, rare).map { Self.optimum(weight: positiveWeight[rare], rate: $0) }
        let gap = zip(predicted, column(p, rare)).map { abs($0 - $1) }
        // How the weighting moved the rarest label's probabilities, example by example.
        func median(_ v: [Double]) -> Double {
            let s = v.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        let qRare = column(q, rare), pRare = column(p, rare)
        let logitShift = zip(column(weightedRun.model(validationX).scalars, rare), column(unweightedRun.model(validationX).scalars, rare))
            .map { $0 - $1 }
        func slopeNorm(_ model: Dense) -> Double {
            model.parameters[(rare * dimensions)..<((rare + 1) * dimensions)].map { $0 * $0 }.reduce(0, +).squareRoot()
        }

        var values: [String: Double] = [
            "rare-label": Double(rare + 1), "rare-weight": positiveWeight[rare],
            "rare-optimum-gap-mean": mean(gap), "rare-optimum-gap-max": gap.max()!,
            "rare-above-diagonal-count": Double(zip(pRare, qRare).filter { $0 > $1 }.count),
            "rare-below-diagonal-count": Double(zip(pRare, qRare).filter { $0 < $1 }.count),
            "rare-above-diagonal-share": Double(zip(pRare, qRare).filter { $0 > $1 }.count) / Double(qRare.count),
            "rare-median-probability-change": median(zip(pRare, qRare).map { $0 - $1 }),
            "rare-median-logit-shift": median(logitShift),
            "rare-slope-norm-ratio": slopeNorm(weightedRun.model) / slopeNorm(unweightedRun.model),
            "labels": Double(labels), "seed-count": Double(seeds.count),
            "weighted-validation-min": weightedRun.validation.min()!,
            "weighted-validation-rise": weightedRun.validation.last! - weightedRun.validation.min()!,
            // The curves' own gap (validation at the epoch's end minus the epoch's mean training loss).
            "weighted-curve-gap-early": weightedRun.validation[epochs / 6 - 1] - weightedRun.train[epochs / 6 - 1],
            "gap-early-epoch": Double(epochs / 6),
            "weighted-curve-gap-final": weightedRun.validation.last! - weightedRun.train.last!,
            "unweighted-final-train": unweightedRun.train.last!, "unweighted-final-validation": unweightedRun.validation.last!,
            "weighted-final-train": weightedRun.train.last!, "weighted-final-validation": weightedRun.validation.last!,
            // The weighted training curve against the plain validation curve, epoch by epoch: the smallest ratio.
            "weighted-train-over-plain-validation-min": zip(weightedRun.train, unweightedRun.validation).map { $0 / $1 }.min()!,
            "weighted-end-gap-mean-last-half": mean(zip(weightedRun.validation, weightedRun.trainEnd).suffix(epochs / 2).map { $0 - $1 }),
            "weighted-end-gap-final": weightedRun.validation.last! - weightedRun.trainEnd.last!,
            "weighted-gap-mean-last-half": mean(zip(weightedRun.validation, weightedRun.train).suffix(epochs / 2).map { $0 - $1 }),
            "weighted-validation-min-epoch": Double(weightedRun.validation.indices.min { weightedRun.validation[$0] < weightedRun.validation[$1] }! + 1),
            "epochs": Double(epochs), "train-count": Double(trainCount), "validation-count": Double(validationCount),
            // Losses of the best featureless predictions, averaged over labels: the entropy H(π̂) and 2(1 − π̂)·log 2.
            "constant-plain-loss": mean(rates.map { -$0 * Double.log($0) - (1 - $0) * Double.log(1 - $0) }),
            "constant-weighted-loss": mean(rates.map { 2 * (1 - $0) * Double.log(2) }),
            "constant-max-gap": zip(constantWeighted, constantOptimum).map { abs($0 - $1) }.max()!,
            "constant-plain-max-gap": zip(constantPlain, rates).map { abs($0 - $1) }.max()!,
        ]
        // Where the weighted model's train/validation gap comes from: per-label weighted loss on each split.
        let perElement = BinaryCrossEntropyWithLogitsLoss(positiveWeight: positiveWeight, reduction: .none)
        let trainPerLabel = perElement.valueAndGradient(logits: weightedRun.model(x), targets: y).value.scalars
        let validationPerLabel = perElement.valueAndGradient(logits: weightedRun.model(validationX), targets: validationY).value.scalars
        let labelGaps = (0..<labels).map { mean(column(validationPerLabel, $0)) - mean(column(trainPerLabel, $0)) }
        values["rare-label-gap-share"] = labelGaps[rare] / labelGaps.reduce(0, +)
        values["rare-label-gap"] = labelGaps[rare]
        values["weighted-final-gap"] = labelGaps.reduce(0, +) / Double(labels)
        // The weighted loss of one label on a split is w·π̂·L₊ + (1 − π̂)·L₋, with L₊ and L₋ the mean unweighted
        // losses of its positives and negatives. The weights come from the training rates, so a split with a
        // different positive rate scores differently even if L₊ and L₋ were the same on both splits.
        func classLosses(_ logits: Tensor<Double>, _ targets: Tensor<Double>) -> (positive: Double, negative: Double, rate: Double) {
            let z = column(logits.scalars, rare), t = column(targets.scalars, rare)
            let pos = z.indices.filter { t[$0] == 1 }.map { LossCurvesHelpers.softplus(-z[$0]) }
            let neg = z.indices.filter { t[$0] != 1 }.map { LossCurvesHelpers.softplus(z[$0]) }
            return (mean(pos), mean(neg), Double(pos.count) / Double(t.count))
        }
        let trainClasses = classLosses(weightedRun.model(x), y), validationClasses = classLosses(weightedRun.model(validationX), validationY)
        values["rare-positive-loss-train"] = trainClasses.positive
        values["rare-positive-loss-validation"] = validationClasses.positive
        values["rare-negative-loss-train"] = trainClasses.negative
        values["rare-negative-loss-validation"] = validationClasses.negative
        // The part of the rarest label's gap that the two splits' positive rates alone produce, at the training L₊ and L₋.
        values["rare-gap-from-rates"] = (positiveWeight[rare] * trainClasses.positive - trainClasses.negative)
            * (validationClasses.rate - trainClasses.rate)
        // The same split, in the other order: at the validation split's L₊ and L₋. The two orders bracket the rate part.
        values["rare-gap-from-rates-validation"] = (positiveWeight[rare] * validationClasses.positive - validationClasses.negative)
            * (validationClasses.rate - trainClasses.rate)
        let rateParts = [values["rare-gap-from-rates"]!, values["rare-gap-from-rates-validation"]!].map { $0 / labelGaps[rare] }
        values["rare-gap-from-rates-share-low"] = rateParts.min()!
        values["rare-gap-from-rates-share-high"] = rateParts.max()!
        // The log w intercept shift (King and Zeng 2001), tested where it should hold and where it need not:
        // the trained models above, the same training set fitted to convergence, a large sample of the same
        // data fitted to convergence, and a large sample whose labels are drawn from a logistic model (the
        // large plain fit's probabilities), where the model is well specified by construction.
        var large = SeededGenerator(seed: seed)
        let largeData = MultiLabelData(count: trainCount + validationCount + largeCount, dimensions: dimensions,
                                       baseRates: baseRates, noise: noise, generator: &large)
        let largeRows = Array((trainCount + validationCount)..<(trainCount + validationCount + largeCount))
        let largeX = largeData.features.rows(largeRows), largeY = largeData.targets.rows(largeRows)
        func matrix(_ t: Tensor<Double>) -> [[Double]] {
            (0..<t.shape[0]).map { r in Array(t.scalars[(r * t.shape[1])..<((r + 1) * t.shape[1])]) }
        }
        let trainRowsX = matrix(x), largeRowsX = matrix(largeX)
        var labelling = SeededGenerator(seed: seed &+ 2)
        var maxFitGradient = 0.0
        var minDistance = Double.infinity
        var separableCount = 0.0, separableLargeCount = 0.0, finiteMinor = 0.0, finiteMinorBelow = 0.0
        var shiftErrors: [String: Double] = ["trained": 0, "converged": 0, "large": 0, "specified": 0]
        func relativeChange(_ a: [Double], _ b: [Double]) -> Double {
            (zip(a, b).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / b.map { $0 * $0 }.reduce(0, +)).squareRoot()
        }
        let biasOffset = dimensions * labels
        for l in 0..<labels {
            let w = positiveWeight[l], logW = Double.log(w)
            let yTrain = column(y.scalars, l), yLarge = column(largeY.scalars, l)
            let trainedShift = weightedRun.model.parameters[biasOffset + l] - unweightedRun.model.parameters[biasOffset + l]
            let convergedPlain = LossCurvesHelpers.fitLogistic(x: trainRowsX, y: yTrain)
            let convergedWeighted = LossCurvesHelpers.fitLogistic(x: trainRowsX, y: yTrain, positiveWeight: w)
            let largePlain = LossCurvesHelpers.fitLogistic(x: largeRowsX, y: yLarge)
            let largeWeighted = LossCurvesHelpers.fitLogistic(x: largeRowsX, y: yLarge, positiveWeight: w)
            let ySpecified = largeRowsX.map { row -> Double in
                let z = largePlain.intercept + zip(row, largePlain.slopes).map { $0 * $1 }.reduce(0, +)
                return labelling.bernoulli(sigmoid(z)) ? 1 : 0
            }
            let specifiedPlain = LossCurvesHelpers.fitLogistic(x: largeRowsX, y: ySpecified)
            let specifiedWeighted = LossCurvesHelpers.fitLogistic(x: largeRowsX, y: ySpecified, positiveWeight: w)
            // Separable data have no finite fit: Newton's iterates grow without bound while the gradient
            // decays, so the "shift" such a pair reports is an artefact of where the iterations stopped.
            let separable = convergedPlain.separable || convergedWeighted.separable
            let separableLarge = largePlain.separable || largeWeighted.separable
            let separableSpecified = specifiedPlain.separable || specifiedWeighted.separable
            values["label-\(l + 1)-separable"] = separable ? 1 : 0
            values["label-\(l + 1)-converged-weighted-norm"] = convergedWeighted.norm
            values["label-\(l + 1)-converged-weighted-movement"] = convergedWeighted.movement
            values["label-\(l + 1)-converged-plain-norm"] = convergedPlain.norm
            // ‖β‖, the slopes alone: ‖θ‖ above includes the intercept, which dominates it on the rare labels.
            func slopeLength(_ fit: LossCurvesHelpers.LogisticFit) -> Double { fit.slopes.map { $0 * $0 }.reduce(0, +).squareRoot() }
            values["label-\(l + 1)-converged-weighted-slope-norm"] = slopeLength(convergedWeighted)
            values["label-\(l + 1)-converged-plain-slope-norm"] = slopeLength(convergedPlain)
            minDistance = min(minDistance, convergedPlain.distanceToZeroLoss, convergedWeighted.distanceToZeroLoss)
            values["label-\(l + 1)-converged-stalled"] = Double(convergedPlain.stalledSteps + convergedWeighted.stalledSteps)
            values["label-\(l + 1)-converged-plain-loss"] = convergedPlain.loss
            values["label-\(l + 1)-separable-large"] = separableLarge ? 1 : 0
            values["label-\(l + 1)-separable-specified"] = separableSpecified ? 1 : 0
            separableCount += separable ? 1 : 0
            separableLargeCount += separableLarge || separableSpecified ? 1 : 0
            for (fit, isSeparable) in [(convergedPlain, separable), (convergedWeighted, separable), (largePlain, separableLarge),
                                       (largeWeighted, separableLarge), (specifiedPlain, separableSpecified),
                                       (specifiedWeighted, separableSpecified)] where !isSeparable {
                maxFitGradient = max(maxFitGradient, fit.gradientNorm)
            }
            let shifts = ["trained": trainedShift,
                          "converged": convergedWeighted.intercept - convergedPlain.intercept,
                          "large": largeWeighted.intercept - largePlain.intercept,
                          "specified": specifiedWeighted.intercept - specifiedPlain.intercept]
            let finite = ["trained": true, "converged": !separable, "large": !separableLarge, "specified": !separableSpecified]
            for (name, shift) in shifts {
                values["label-\(l + 1)-shift-\(name)"] = shift
                if finite[name]! { shiftErrors[name] = max(shiftErrors[name]!, abs(shift - logW)) }
            }
            if l > 0 && !separable {
                finiteMinor += 1
                finiteMinorBelow += shifts["converged"]! < logW ? 1 : 0
            }
            values["label-\(l + 1)-log-weight"] = logW
            values["label-\(l + 1)-slope-change-large"] = relativeChange(largeWeighted.slopes, largePlain.slopes)
            values["label-\(l + 1)-slope-change-specified"] = relativeChange(specifiedWeighted.slopes, specifiedPlain.slopes)
            values["label-\(l + 1)-train-positives"] = yTrain.reduce(0, +)
            values["label-\(l + 1)-train-mean-p-unweighted"] = mean(column(unweightedRun.model(x).scalars.map { sigmoid($0) }, l))
        }
        for (name, error) in shiftErrors { values["max-shift-error-\(name)"] = error }
        values["converged-miss-larger"] = shiftErrors["converged"]! > shiftErrors["trained"]! ? 1 : 0
        values["control-miss-smaller"] = shiftErrors["specified"]! < shiftErrors["large"]! ? 1 : 0
        values["rare-converged-slope-ratio"] = values["label-\(rare + 1)-converged-weighted-slope-norm"]! / values["label-\(rare + 1)-converged-plain-slope-norm"]!
        values["separable-count"] = separableCount
        values["min-distance-to-zero-loss"] = minDistance
        values["separable-large-count"] = separableLargeCount
        values["finite-minor-count"] = finiteMinor
        values["finite-minor-below-count"] = finiteMinorBelow
        values["max-fit-gradient"] = maxFitGradient
        values["rare-train-mean-p-unweighted"] = values["label-\(rare + 1)-train-mean-p-unweighted"]!
        values["weighted-final-validation-plain-bce"] = weightedRun.validationPlain.last!
        let allZeros = Tensor(repeating: 0.0, shape: validationY.shape)
        values["all-zeros-binary-accuracy"] = binaryAccuracy(probabilities: allZeros, targets: validationY)
        values["unweighted-binary-accuracy"] = binaryAccuracy(probabilities: Tensor(shape: validationY.shape, scalars: q), targets: validationY)
        values["weighted-binary-accuracy"] = binaryAccuracy(probabilities: Tensor(shape: validationY.shape, scalars: p), targets: validationY)

        var rows: [[ResultTable.Cell]] = []
        var matchedDifference = 0.0
        for l in 0..<labels {
            let truth = column(validationY.scalars, l)
            let plainScores = BinaryClassificationScores(probabilities: column(q, l), targets: truth)
            let weightedScores = BinaryClassificationScores(probabilities: column(p, l), targets: truth)
            let apPlain = LossCurvesHelpers.averagePrecision(scores: column(q, l), targets: truth)
            let apWeighted = LossCurvesHelpers.averagePrecision(scores: column(p, l), targets: truth)
            values["label-\(l + 1)-ap-unweighted"] = apPlain
            values["label-\(l + 1)-ap-weighted"] = apWeighted
            values["label-\(l + 1)-auc-unweighted"] = LossCurvesHelpers.rocAUC(scores: column(q, l), targets: truth)
            values["label-\(l + 1)-auc-weighted"] = LossCurvesHelpers.rocAUC(scores: column(p, l), targets: truth)
            // A random ranking's expected AP: above the positive rate when the label has few positives.
            let baselineAP = LossCurvesHelpers.randomRankingAP(positives: Int(truth.reduce(0, +)), count: truth.count)
            values["label-\(l + 1)-baseline-ap"] = baselineAP
            values["label-\(l + 1)-validation-positives"] = truth.reduce(0, +)
            // The plain model's precision at the weighted model's operating point: its threshold lowered until
            // it recalls as many validation positives as the weighted model does at 0.5.
            let positivesTotal = truth.reduce(0, +)
            let wanted = (weightedScores.recall * positivesTotal).rounded()
            let matchedPrecision = LossCurvesHelpers.precisionAtPositive(scores: column(q, l), targets: truth, positives: wanted)
            values["label-\(l + 1)-plain-precision-at-weighted-recall"] = matchedPrecision
            // The same rule for the weighted model: its own ranking cut exactly at its `wanted`-th positive,
            // so that neither model gets the optimistic cut alone.
            let sameRulePrecision = LossCurvesHelpers.precisionAtPositive(scores: column(p, l), targets: truth, positives: wanted)
            values["label-\(l + 1)-weighted-precision-same-rule"] = sameRulePrecision
            values["label-\(l + 1)-matched-plain-higher"] = matchedPrecision > weightedScores.precision ? 1 : 0
            values["label-\(l + 1)-same-rule-plain-higher"] = matchedPrecision > sameRulePrecision ? 1 : 0
            values["label-\(l + 1)-same-rule-difference"] = matchedPrecision - sameRulePrecision
            matchedDifference = max(matchedDifference, abs(matchedPrecision - weightedScores.precision))
            rows.append([.text("label \(l + 1)"), .number(rates[l]), .number(positiveWeight[l]), .number(positivesTotal),
                         .number(mean(column(q, l))), .number(mean(column(p, l))),
                         .number(baselineAP), .number(apPlain), .number(apWeighted),
                         .number(plainScores.recall), .number(weightedScores.recall),
                         .number(plainScores.precision), .number(weightedScores.precision)])
            values["label-\(l + 1)-rate"] = rates[l]
            values["label-\(l + 1)-constant-plain"] = constantPlain[l]
            values["label-\(l + 1)-constant-weighted"] = constantWeighted[l]
            values["label-\(l + 1)-constant-optimum"] = constantOptimum[l]
            values["label-\(l + 1)-weight"] = positiveWeight[l]
            values["label-\(l + 1)-mean-p-unweighted"] = mean(column(q, l))
            values["label-\(l + 1)-mean-p-weighted"] = mean(column(p, l))
            values["label-\(l + 1)-recall-unweighted"] = plainScores.recall
            values["label-\(l + 1)-recall-weighted"] = weightedScores.recall
            values["label-\(l + 1)-precision-unweighted"] = plainScores.precision
            values["label-\(l + 1)-precision-weighted"] = weightedScores.precision
        }
        for kind in ["unweighted", "weighted"] {
            values["mean-ap-\(kind)"] = mean((1...labels).map { values["label-\($0)-ap-\(kind)"]! })
            values["mean-auc-\(kind)"] = mean((1...labels).map { values["label-\($0)-auc-\(kind)"]! })
        }
        values["mean-ap-difference"] = values["mean-ap-weighted"]! - values["mean-ap-unweighted"]!
        values["max-matched-precision-difference"] = matchedDifference
        values["mean-auc-difference"] = values["mean-auc-weighted"]! - values["mean-auc-unweighted"]!
        values["auc-difference-positive"] = values["mean-auc-difference"]! > 0 ? 1 : 0
        let table = ResultTable(
            columns: [ResultTable.Column("label"), ResultTable.Column("train rate π̂", format: .percent(1)),
                      ResultTable.Column("weight w", format: .fixed(1)),
                      ResultTable.Column("validation positives", format: .integer),
                      ResultTable.Column("mean p, plain", format: .fixed(3)), ResultTable.Column("mean p, weighted", format: .fixed(3)),
                      ResultTable.Column("AP, random", format: .fixed(3)),
                      ResultTable.Column("AP, plain", format: .fixed(2)), ResultTable.Column("AP, weighted", format: .fixed(2)),
                      ResultTable.Column("recall, plain", format: .fixed(2)), ResultTable.Column("recall, weighted", format: .fixed(2)),
                      ResultTable.Column("precision, plain", format: .fixed(2)), ResultTable.Column("precision, weighted", format: .fixed(2))],
            rows: rows)

        let epochAxis = (1...epochs).map(Double.init)
        let curves = Figure(
            description: "Training and validation BCE per epoch for the logistic-regression model trained with plain BCE and with positive weights; the weighted pair sits higher and the gap between the two weighted curves widens as training goes on.",
            size: Size(width: 640, height: 380),
            panel: Panel(x: Axis("epoch"), y: Axis("BCE, mean over labels (nats)"), layers: [
                .line(Series("plain, training", x: epochAxis, y: unweightedRun.train, style: 1)),
                .line(Series("plain, validation", x: epochAxis, y: unweightedRun.validation, style: 2)),
                .line(Series("weighted, training", x: epochAxis, y: weightedRun.train, style: 3)),
                .line(Series("weighted, validation", x: epochAxis, y: weightedRun.validation, style: 4)),
                .line(Series("weighted, validation, unweighted (Keras)", x: epochAxis, y: weightedRun.validationPlain, style: 6)),
            ]))
        let grid = (0...100).map { Double($0) / 100 }
        let shift = Figure(
            description: "Scatter of the weighted model's predicted probability against the plain model's for every validation example on the rarest label, with the curve p* = wq / (wq + 1 − q) and the diagonal.",
            size: Size(width: 520, height: 460),
            panel: Panel(x: Axis("plain model's probability q", limits: 0...1), y: Axis("weighted model's probability p", limits: 0...1),
                         equalAspect: true, layers: [
                .scatter(Series("validation examples (label \(rare + 1))", x: column(q, rare), y: column(p, rare), style: 1)),
                .line(Series("p* = wq / (wq + 1 − q)", x: grid, y: grid.map { Self.optimum(weight: positiveWeight[rare], rate: $0) }, style: 2)),
                .reference(.diagonal(label: "no change")),
            ]))
        let means = Figure(
            description: "Grouped bars per label: the training base rate, the probability a bias-only model learns with weights (p* = 1/2 for w = (1 − π)/π), the plain model's and the weighted model's mean validation probability.",
            size: Size(width: 600, height: 340),
            panel: Panel(y: Axis("probability", limits: 0...1), layers: [
                .groupedBars(GroupedBars(categories: (1...labels).map { "label \($0)" }, groups: [
                    .init("base rate π̂", values: rates),
                    .init("bias-only, weighted", values: constantWeighted),
                    .init("linear model, plain BCE", values: (0..<labels).map { mean(column(q, $0)) }),
                    .init("linear model, weighted BCE", values: (0..<labels).map { mean(column(p, $0)) }),
                ]))
            ]))
        func shiftGroup(_ name: String, _ key: String) -> GroupedBars.Group {
            .init(name, values: (1...labels).map { values["label-\($0)-\(key)"]! })
        }
        let shifts = Figure(
            description: "Grouped bars per label: log w, and the fitted intercept shift (weighted minus plain) of the 30-epoch models, of the same training set fitted to convergence, of a large sample fitted to convergence, and of a large sample with labels drawn from a logistic model.",
            size: Size(width: 640, height: 360),
            panel: Panel(y: Axis("intercept shift (logit units)"), layers: [
                .groupedBars(GroupedBars(categories: (1...labels).map { "label \($0)" }, groups: [
                    shiftGroup("log w", "log-weight"),
                    shiftGroup("\(epochs) epochs, training set", "shift-trained"),
                    shiftGroup("converged, training set", "shift-converged"),
                    shiftGroup("converged, \(largeCount) examples", "shift-large"),
                    shiftGroup("converged, logistic labels", "shift-specified"),
                ]))
            ]))
        return ExperimentResult(values: values, tables: ["labels": table],
                                figures: ["curves": curves, "shift": shift, "means": means, "shifts": shifts])
    }

    /// The minimiser of −w·q·log p − (1 − q)·log(1 − p): wq / (wq + 1 − q).
    static func optimum(weight w: Double, rate q: Double) -> Double { w * q / (w * q + 1 - q) }

    /// Fraction of positives per label of a `[N, labels]` 0/1 target tensor.
    static func positiveRates(_ targets: Tensor<Double>) -> [Double] {
        let (n, l) = (targets.shape[0], targets.shape[1])
        return (0..<l).map { j in (0..<n).reduce(0) { $0 + targets.scalars[$1 * l + j] } / Double(n) }
    }
}
