import ExperimentKit
import LossKit
import SVGPlot

/// Chapter 4 (a) and (c): a right-sized model (one linear layer, a logistic
/// regression per label) on imbalanced multi-label data, trained once without
/// and once with positive weights w_l = (1 − π_l)/π_l. Records training and
/// validation loss per epoch and compares the two models' predicted
/// probabilities with the weighted optimum p* = wq / (wq + 1 − q).
struct ClassWeightsExperiment: Experiment {
    var id: String { "lc-class-weights" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    @Param("seed") var seed: UInt64 = 4
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

    var outputs: Outputs {
        let perLabel: [Outputs.Value] = (1...baseRates.count).flatMap { l in
            [.init("label-\(l)-rate", .percent(1)), .init("label-\(l)-weight", .fixed(1)),
             .init("label-\(l)-constant-plain", .fixed(3)), .init("label-\(l)-constant-weighted", .fixed(3)),
             .init("label-\(l)-constant-optimum", .fixed(3)),
             .init("label-\(l)-mean-p-unweighted", .fixed(3)), .init("label-\(l)-mean-p-weighted", .fixed(3)),
             .init("label-\(l)-recall-unweighted", .fixed(2)), .init("label-\(l)-recall-weighted", .fixed(2)),
             .init("label-\(l)-precision-unweighted", .fixed(2)), .init("label-\(l)-precision-weighted", .fixed(2))]
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
            ],
            tables: ["labels"], figures: ["curves", "shift", "means"])
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

        func train(_ loss: BinaryCrossEntropyWithLogitsLoss) -> (model: Dense, train: [Double], validation: [Double]) {
            var model = initial
            var optimizer = Adam(learningRate: learningRate)
            var shuffle = SeededGenerator(seed: seed &+ 1)
            var trainCurve: [Double] = [], validationCurve: [Double] = []
            for _ in 1...epochs {
                trainCurve.append(MiniBatchTrainer(batchSize: batchSize).epoch(
                    model: &model, optimizer: &optimizer, inputs: x, generator: &shuffle
                ) { out, batch in
                    let r = loss.valueAndGradient(logits: out, targets: y.rows(batch))
                    return (r.value.scalars[0], r.gradient)
                })
                validationCurve.append(loss.valueAndGradient(logits: model(validationX), targets: validationY).value.scalars[0])
            }
            return (model, trainCurve, validationCurve)
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

        var values: [String: Double] = [
            "rare-label": Double(rare + 1), "rare-weight": positiveWeight[rare],
            "rare-optimum-gap-mean": mean(gap), "rare-optimum-gap-max": gap.max()!,
            "unweighted-final-train": unweightedRun.train.last!, "unweighted-final-validation": unweightedRun.validation.last!,
            "weighted-final-train": weightedRun.train.last!, "weighted-final-validation": weightedRun.validation.last!,
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
        var rows: [[ResultTable.Cell]] = []
        for l in 0..<labels {
            let truth = column(validationY.scalars, l)
            let plainScores = BinaryClassificationScores(probabilities: column(q, l), targets: truth)
            let weightedScores = BinaryClassificationScores(probabilities: column(p, l), targets: truth)
            rows.append([.text("label \(l + 1)"), .number(rates[l]), .number(positiveWeight[l]),
                         .number(mean(column(q, l))), .number(mean(column(p, l))),
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
        let table = ResultTable(
            columns: [ResultTable.Column("label"), ResultTable.Column("train rate π̂", format: .percent(1)),
                      ResultTable.Column("weight w", format: .fixed(1)),
                      ResultTable.Column("mean p, plain", format: .fixed(3)), ResultTable.Column("mean p, weighted", format: .fixed(3)),
                      ResultTable.Column("recall, plain", format: .fixed(2)), ResultTable.Column("recall, weighted", format: .fixed(2)),
                      ResultTable.Column("precision, plain", format: .fixed(2)), ResultTable.Column("precision, weighted", format: .fixed(2))],
            rows: rows)

        let epochAxis = (1...epochs).map(Double.init)
        let curves = Figure(
            description: "Training and validation BCE per epoch for the logistic-regression model trained with plain BCE and with positive weights; the weighted pair sits higher and the two weighted curves stay parallel.",
            size: Size(width: 640, height: 380),
            panel: Panel(x: Axis("epoch"), y: Axis("BCE, mean over labels (nats)"), layers: [
                .line(Series("plain, training", x: epochAxis, y: unweightedRun.train, style: 1)),
                .line(Series("plain, validation", x: epochAxis, y: unweightedRun.validation, style: 2)),
                .line(Series("weighted, training", x: epochAxis, y: weightedRun.train, style: 3)),
                .line(Series("weighted, validation", x: epochAxis, y: weightedRun.validation, style: 4)),
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
        return ExperimentResult(values: values, tables: ["labels": table],
                                figures: ["curves": curves, "shift": shift, "means": means])
    }

    /// The minimiser of −w·q·log p − (1 − q)·log(1 − p): wq / (wq + 1 − q).
    static func optimum(weight w: Double, rate q: Double) -> Double { w * q / (w * q + 1 - q) }

    /// Fraction of positives per label of a `[N, labels]` 0/1 target tensor.
    static func positiveRates(_ targets: Tensor<Double>) -> [Double] {
        let (n, l) = (targets.shape[0], targets.shape[1])
        return (0..<l).map { j in (0..<n).reduce(0) { $0 + targets.scalars[$1 * l + j] } / Double(n) }
    }
}
