import ExperimentKit
import LossKit
import SVGPlot

/// Chapter 3: one network, three trainings. The same 26-class data and the
/// same initial weights are trained with softmax + categorical cross-entropy,
/// with sigmoid + binary cross-entropy on one-hot targets at the same learning
/// rate (Keras's mean over the outputs, so each logit's gradient is 1/C of
/// CCE's), and with sigmoid + BCE at C times that rate (the sum over the
/// outputs, which undoes the mean's scale); after every epoch each model is
/// scored with both accuracies and both losses.
struct TwentySixClassesExperiment: SeededExperiment {
    var id: String { "bc-twenty-six" }
    var version: Int { 2 }
    var sourceFile: String { #filePath }

    @Param("seed") var seed: UInt64 = 26
    /// Two apart, because a run shuffles with `seed + 1`: no run's batch order is another run's data.
    var seeds: [UInt64] { [26, 28, 30, 32, 34] }
    @Param("classes") var classes = 26
    @Param("dimensions") var dimensions = 8
    @Param("points per class") var pointsPerClass = 20
    let shownSplit = DerivedParameter<Self>("train / test points (stratified: half of each class)") { "\($0.trainCount) / \($0.classes * $0.pointsPerClass - $0.trainCount)" }
    /// A stratified split: each class gives its first `pointsPerClass / 2` points (in the shuffled order) to training.
    var trainCount: Int { classes * (pointsPerClass / 2) }
    @Param("blob spread") var spread = 1.0
    let shownModel = DerivedParameter<Self>("model") { "one dense layer, \($0.dimensions) → \($0.classes) logits" }
    @Param("optimiser") var optimiser = "SGD"
    @Param("learning rate") var learningRate = 0.5
    let shownScaledRate = DerivedParameter<Self>("learning rate of the rate × C model") { "\($0.learningRate) × \($0.classes) = \($0.learningRate * Double($0.classes))" }
    @Param("batch size") var batchSize = 52
    @Param("epochs") var epochs = 60

    /// Dense layers of these widths, counted on a Flatten and on a pooled ResNet-50 output.
    static let widths = [64, 80, 128, 256]

    var outputs: Outputs {
        let perHead: [Outputs.Value] = Head.allCases.map(\.key).flatMap { key in
            [.init("\(key)-final-categorical-accuracy", .percent(1)), .init("\(key)-final-binary-accuracy", .percent(2)),
             .init("\(key)-final-cce", .fixed(3)), .init("\(key)-final-bce", .fixed(3)),
             .init("\(key)-start-binary-accuracy", .percent(1)), .init("\(key)-start-cce", .fixed(3)),
             .init("\(key)-start-categorical-accuracy", .percent(1)), .init("\(key)-epoch-binary-at-baseline", .integer),
             .init("\(key)-share-none", .percent(0)), .init("\(key)-share-one", .percent(0))]
        }
        let perWidth: [Outputs.Value] = Self.widths.flatMap { w in
            [.init("dense-\(w)-flatten", .integer), .init("dense-\(w)-pooled", .integer)]
        }
        return Outputs(
            values: perHead + perWidth + [
                .init("all-zeros-binary-accuracy", .percent(2)), .init("prior-bce", .fixed(3)), .init("uniform-cce", .fixed(3)),
                .init("classes", .integer), .init("train-count", .integer), .init("test-count", .integer),
                .init("parameters", .integer), .init("epochs-bce-model-96-percent", .integer),
                .init("flatten-inputs", .integer), .init("flatten-to-pool-ratio", .integer),
                .init("bce-model-binary-above-zeros", .integer), .init("start-mean-abs-logit", .fixed(2)),
            ],
            tables: ["final", "parameters"], figures: ["accuracy", "losses", "positives"])
    }

    /// The ways of turning 26 logits into a loss, and the rate each is trained at.
    enum Head: CaseIterable {
        case softmaxCCE, sigmoidBCE, sigmoidBCEScaled

        var name: String {
            switch self {
            case .softmaxCCE: "softmax + CCE"
            case .sigmoidBCE: "sigmoid + BCE"
            case .sigmoidBCEScaled: "sigmoid + BCE, rate × 26"
            }
        }
        /// The prefix of the model's values: `cce-model-final-cce`.
        var key: String {
            switch self {
            case .softmaxCCE: "cce-model"
            case .sigmoidBCE: "bce-model"
            case .sigmoidBCEScaled: "bce-scaled-model"
            }
        }
        var isSigmoid: Bool { self != .softmaxCCE }
        var style: Int {
            switch self {
            case .softmaxCCE: 1
            case .sigmoidBCE: 2
            case .sigmoidBCEScaled: 3
            }
        }
    }

    /// Scores of one model on the test set after one epoch.
    struct Scores {
        var categoricalAccuracy: Double
        var binaryAccuracy: Double
        var cce: Double
        var bce: Double
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let blobs = GaussianBlobs(classes: classes, perClass: pointsPerClass, dimensions: dimensions,
                                  spread: spread, centreScale: 3, generator: &generator)
        // Stratified: every class puts exactly half of its points in each set.
        var seen = [Int](repeating: 0, count: classes)
        var trainRows: [Int] = [], testRows: [Int] = []
        for (row, c) in blobs.labels.enumerated() {
            if seen[c] < pointsPerClass / 2 { trainRows.append(row) } else { testRows.append(row) }
            seen[c] += 1
        }
        let x = blobs.features.rows(trainRows), testX = blobs.features.rows(testRows)
        let labels = trainRows.map { blobs.labels[$0] }, testLabels = testRows.map { blobs.labels[$0] }
        let oneHot = blobs.oneHotLabels(classes: classes)
        let y = oneHot.rows(trainRows), testY = oneHot.rows(testRows)
        let initial = Dense(inputs: dimensions, outputs: classes, generator: &generator)

        var history: [Head: [Scores]] = [:]
        var finalModels: [Head: Dense] = [:]
        for head in Head.allCases {
            var model = initial
            var optimizer = SGD(learningRate: head == .sigmoidBCEScaled ? learningRate * Double(classes) : learningRate)
            var shuffle = SeededGenerator(seed: seed &+ 1)  // the same batch order for both heads
            history[head] = [score(model, testX, testY, testLabels, head)]
            for _ in 1...epochs {
                _ = MiniBatchTrainer(batchSize: batchSize).epoch(
                    model: &model, optimizer: &optimizer, inputs: x, generator: &shuffle
                ) { logits, batch in
                    // region: heads
                    switch head {
                    case .softmaxCCE:  // one categorical likelihood per example
                        let r = CrossEntropyLoss().valueAndGradient(logits: logits, targets: gatherRows(labels, rowSize: 1, batch))
                        return (r.value.scalars[0], r.gradient)
                    case .sigmoidBCE, .sigmoidBCEScaled:  // 26 independent Bernoulli likelihoods per example, averaged
                        let r = BinaryCrossEntropyWithLogitsLoss().valueAndGradient(logits: logits, targets: y.rows(batch))
                        return (r.value.scalars[0], r.gradient)
                    }
                    // endregion
                }
                history[head]!.append(score(model, testX, testY, testLabels, head))
            }
            finalModels[head] = model
        }

        // Keras-style binary accuracy of predicting 0 for every output, and the losses of constant predictions.
        let zeros = Tensor(repeating: 0.0, shape: testY.shape)
        let allZerosBinaryAccuracy = binaryAccuracy(probabilities: zeros, targets: testY)
        let prior = 1 / Double(classes)
        let priorBCE = BinaryCrossEntropyLoss().valueAndGradient(
            probabilities: Tensor(repeating: prior, shape: testY.shape), targets: testY).value.scalars[0]
        let uniformCCE = CrossEntropyLoss().valueAndGradient(
            logits: Tensor(repeating: 0.0, shape: testY.shape), targets: testLabels).value.scalars[0]

        let cce = history[.softmaxCCE]!, bce = history[.sigmoidBCE]!, scaled = history[.sigmoidBCEScaled]!
        var values: [String: Double] = [
            "all-zeros-binary-accuracy": allZerosBinaryAccuracy, "prior-bce": priorBCE, "uniform-cce": uniformCCE,
            "classes": Double(classes), "train-count": Double(trainRows.count), "test-count": Double(testRows.count),
            "parameters": Double(initial.parameters.count),
        ]
        for head in Head.allCases {
            let key = head.key, h = history[head]!
            values["\(key)-final-categorical-accuracy"] = h.last!.categoricalAccuracy
            values["\(key)-final-binary-accuracy"] = h.last!.binaryAccuracy
            values["\(key)-final-cce"] = h.last!.cce
            values["\(key)-final-bce"] = h.last!.bce
            values["\(key)-start-binary-accuracy"] = h[0].binaryAccuracy
            values["\(key)-start-cce"] = h[0].cce
            values["\(key)-start-categorical-accuracy"] = h[0].categoricalAccuracy
            // First epoch whose binary accuracy reaches the all-zeros baseline.
            values["\(key)-epoch-binary-at-baseline"] = Double(h.firstIndex { $0.binaryAccuracy >= allZerosBinaryAccuracy } ?? -1)
        }
        // Epochs in which the BCE model beats the all-zeros binary accuracy yet classifies worse than the CCE model.
        values["epochs-bce-model-96-percent"] = Double(bce.filter { $0.binaryAccuracy >= allZerosBinaryAccuracy }.count)

        let table = ResultTable(
            columns: [ResultTable.Column("model"), ResultTable.Column("categorical accuracy", format: .percent(1)),
                      ResultTable.Column("binary accuracy", format: .percent(2)), ResultTable.Column("−log p of the label", format: .fixed(3)),
                      ResultTable.Column("BCE", format: .fixed(4))],
            rows: [
                [.text("all zeros"), .text("—"), .number(allZerosBinaryAccuracy), .text("—"), .text("—")],
                [.text("constant 1/26 (softmax of zeros)"), .text("—"), .number(allZerosBinaryAccuracy), .number(uniformCCE), .number(priorBCE)],
                [.text("softmax + CCE, epoch \(epochs)"), .number(cce.last!.categoricalAccuracy), .number(cce.last!.binaryAccuracy), .number(cce.last!.cce), .number(cce.last!.bce)],
                [.text("sigmoid + BCE, epoch \(epochs)"), .number(bce.last!.categoricalAccuracy), .number(bce.last!.binaryAccuracy), .number(bce.last!.cce), .number(bce.last!.bce)],
                [.text("sigmoid + BCE, rate × \(classes), epoch \(epochs)"), .number(scaled.last!.categoricalAccuracy), .number(scaled.last!.binaryAccuracy), .number(scaled.last!.cce), .number(scaled.last!.bce)],
            ])

        let flattened = 7 * 7 * 2048, pooled = 2048
        let parameterTable = ResultTable(
            columns: [ResultTable.Column("dense units"), ResultTable.Column("on Flatten (7·7·2048 = 100,352 inputs)", format: .integer),
                      ResultTable.Column("on global average pooling (2,048 inputs)", format: .integer)],
            rows: Self.widths.map { [.text(String($0)), .number(Double(Self.denseParameters(inputs: flattened, outputs: $0))),
                                .number(Double(Self.denseParameters(inputs: pooled, outputs: $0)))] })
        for w in Self.widths {
            values["dense-\(w)-flatten"] = Double(Self.denseParameters(inputs: flattened, outputs: w))
            values["dense-\(w)-pooled"] = Double(Self.denseParameters(inputs: pooled, outputs: w))
        }
        for head in Head.allCases {
            let shares = positiveCounts(finalModels[head]!, testX, head)
            values["\(head.key)-share-none"] = shares[0]
            values["\(head.key)-share-one"] = shares[1]
        }
        // 1 when the slow sigmoid model ends above the all-zeros binary accuracy, else 0: its mean over the seeds is the share of seeds.
        values["bce-model-binary-above-zeros"] = bce.last!.binaryAccuracy > allZerosBinaryAccuracy ? 1 : 0
        // How far from zero the untrained logits are: the mean of |z| over every test example and output.
        let startLogits = initial(testX).scalars
        values["start-mean-abs-logit"] = startLogits.map(abs).reduce(0, +) / Double(startLogits.count)
        values["flatten-inputs"] = Double(flattened)
        values["flatten-to-pool-ratio"] = Double(flattened / pooled)

        return ExperimentResult(
            values: values, tables: ["final": table, "parameters": parameterTable],
            figures: [
                "accuracy": accuracyFigure(history, baseline: allZerosBinaryAccuracy),
                "losses": lossFigure(history, priorBCE: priorBCE, uniformCCE: uniformCCE),
                "positives": positivesFigure(finalModels, testX),
            ])
    }

    /// Weights and biases of a dense layer: what `model.summary()` reports.
    static func denseParameters(inputs: Int, outputs: Int) -> Int { inputs * outputs + outputs }

    func probabilities(_ logits: Tensor<Double>, _ head: Head) -> Tensor<Double> {
        !head.isSigmoid ? softmax(logits, axis: 1) : Tensor(shape: logits.shape, scalars: logits.scalars.map { sigmoid($0) })
    }

    func score(_ model: Dense, _ x: Tensor<Double>, _ oneHot: Tensor<Double>, _ labels: [Int], _ head: Head) -> Scores {
        let logits = model(x)
        let p = probabilities(logits, head)
        // Both losses are computed from the probabilities the model outputs, as Keras would. For a
        // sigmoid model `cce` is −log p of the label's own sigmoid: not a categorical likelihood,
        // since its 26 probabilities do not sum to 1.
        let clipped = Tensor(shape: p.shape, scalars: p.scalars.map { min(max($0, 1e-7), 1 - 1e-7) })
        var cce = 0.0
        for (n, c) in labels.enumerated() { cce -= Double.log(clipped.scalars[n * classes + c]) }
        return Scores(
            categoricalAccuracy: categoricalAccuracy(scores: logits, targets: labels),
            binaryAccuracy: binaryAccuracy(probabilities: p, targets: oneHot),
            cce: cce / Double(labels.count),
            bce: BinaryCrossEntropyLoss().valueAndGradient(probabilities: clipped, targets: oneHot).value.scalars[0])
    }

    func lines(_ history: [Head: [Scores]], _ value: (Scores) -> Double) -> [Layer] {
        Head.allCases.map { head in
            let h = history[head]!
            return .line(Series(head.name, x: h.indices.map(Double.init), y: h.map(value), style: head.style))
        }
    }

    func accuracyFigure(_ history: [Head: [Scores]], baseline: Double) -> Figure {
        Figure(
            description: "Two panels over epochs: categorical (arg-max) accuracy and Keras-style binary accuracy on the test set for the softmax + CCE model and the two sigmoid + BCE models (the same rate, and 26 times it); the all-zeros binary accuracy is drawn as a horizontal line.",
            size: Size(width: 700, height: 340), columns: 2, sharesX: true,
            panels: [
                Panel(title: "categorical accuracy", x: Axis("epoch"), y: Axis("test accuracy", limits: 0...1),
                      layers: lines(history, \.categoricalAccuracy) + [
                    .reference(ReferenceLine(.horizontal(y: 1 / Double(classes)), label: "chance 1/26")),
                ]),
                Panel(title: "binary accuracy (26 outputs)", x: Axis("epoch"), y: Axis("test binary accuracy", limits: 0.5...1),
                      legend: .hidden, layers: lines(history, \.binaryAccuracy) + [
                    .reference(ReferenceLine(.horizontal(y: baseline), label: "all zeros: 25/26")),
                ]),
            ])
    }

    func lossFigure(_ history: [Head: [Scores]], priorBCE: Double, uniformCCE: Double) -> Figure {
        Figure(
            description: "Two panels over epochs: the test mean of −log p of the label (categorical cross-entropy for the softmax model) and test binary cross-entropy (mean over 26 outputs) of the three models; constant-prediction baselines drawn as horizontal lines.",
            size: Size(width: 700, height: 340), columns: 2, sharesX: true,
            panels: [
                Panel(title: "−log p of the label", x: Axis("epoch"), y: Axis("test −log p (nats per example)"),
                      layers: lines(history, \.cce) + [
                    .reference(ReferenceLine(.horizontal(y: uniformCCE), label: "uniform: log 26")),
                ]),
                Panel(title: "binary cross-entropy", x: Axis("epoch"), y: Axis("test BCE (nats per output)"), legend: .hidden,
                      layers: lines(history, \.bce) + [
                    .reference(ReferenceLine(.horizontal(y: priorBCE), label: "constant 1/26")),
                ]),
            ])
    }

    /// How many of the 26 outputs each trained model puts above 0.5, per test example.
    func positiveCounts(_ model: Dense, _ x: Tensor<Double>, _ head: Head) -> [Double] {
        let p = probabilities(model(x), head)
        let perExample = (0..<x.shape[0]).map { n in (0..<classes).filter { p.scalars[n * classes + $0] > 0.5 }.count }
        return (0...3).map { k in Double(perExample.filter { k == 3 ? $0 >= 3 : $0 == k }.count) / Double(perExample.count) }
    }

    func positivesFigure(_ models: [Head: Dense], _ x: Tensor<Double>) -> Figure {
        func counts(_ head: Head) -> [Double] { positiveCounts(models[head]!, x, head) }
        return Figure(
            description: "Grouped bars: fraction of test examples with 0, 1, 2 and 3 or more of the 26 output probabilities above 0.5, for each of the three trained models.",
            size: Size(width: 560, height: 320),
            panel: Panel(y: Axis("fraction of test examples", limits: 0...1), layers: [
                .groupedBars(GroupedBars(categories: ["none", "exactly one", "two", "three or more"],
                                         groups: Head.allCases.map { .init($0.name, values: counts($0), style: $0.style) }))
            ]))
    }
}
