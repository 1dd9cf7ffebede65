import ExperimentKit
import LossKit
import SVGPlot

/// Chapter 2: a small network trained long on noisy binary data, with dev BCE,
/// F1 and MAE after every epoch, predicted-probability histograms and
/// reliability diagrams at the epoch of lowest dev loss and of highest F1, and
/// temperature scaling fitted on a separate calibration split.
///
/// The data are an XOR of four Gaussian blobs: centres at (±c, ±c, 0, …, 0),
/// label 1 where the two signs differ, so no straight line separates the
/// classes. `labelNoise` replaces a label by a random blob's label, so about
/// half of the replaced labels end up flipped; the run keeps which ones. The
/// train, dev and calibration splits are stratified by the (noisy) label.
struct OverconfidenceExperiment: SeededExperiment {
    var id: String { "lf-overconfidence" }
    var version: Int { 3 }
    var sourceFile: String { #filePath }

    @Param("seed") var seed: UInt64 = 2
    var seeds: [UInt64] { [2, 3, 4, 5, 6] }
    @Param("blobs (XOR layout)") var blobCount = 4
    @Param("blob centres", shown: { "(±\($0), ±\($0), 0, …, 0); label 1 where the signs differ" }) var centre = 3.0
    @Param("points per blob") var pointsPerBlob = 250
    @Param("blob spread") var spread = 1.0
    @Param("label noise") var labelNoise = 0.2
    var trainCount = 100
    var devCount = 400
    let shownSplit = DerivedParameter<Self>("train / dev / calibration (stratified by label)") {
        "\($0.trainCount) / \($0.devCount) / \($0.blobCount * $0.pointsPerBlob - $0.trainCount - $0.devCount)"
    }
    @Param("dimensions") var dimensions = 8
    var hiddenUnits = 16
    let shownModel = DerivedParameter<Self>("model") { "\($0.dimensions) → \($0.hiddenUnits) tanh → 1 logit" }
    @Param("optimiser") var optimiser = "Adam"
    @Param("learning rate") var learningRate = 0.01
    @Param("batch size") var batchSize = 50
    @Param("epochs") var epochs = 300
    @Param("dev evaluation every", shown: { "\($0) epochs" }) var evaluateEvery = 4
    @Param("weight decay") var weightDecay = 0.0
    @Param("reliability bins") var reliabilityBins = 10
    @Param("F-beta weight β²") var betaSquared = 0.3

    var outputs: Outputs {
        let snapshots: [Outputs.Value] = ["best-loss", "best-f1", "last"].flatMap { at in
            [.init("\(at)-iteration", .integer), .init("\(at)-dev-loss", .fixed(3)), .init("\(at)-f1", .fixed(3)),
             .init("\(at)-mae", .fixed(3)), .init("\(at)-train-loss", .fixed(3))]
        }
        return Outputs(
            values: snapshots + [
                .init("temperature", .fixed(2)), .init("scaled-dev-loss", .fixed(3)), .init("scaled-f1", .fixed(3)),
                .init("scaled-mae", .fixed(3)), .init("ece-best-loss", .fixed(3)), .init("ece-best-f1", .fixed(3)),
                .init("ece-last", .fixed(3)), .init("ece-scaled", .fixed(3)), .init("last-mistakes", .integer),
                .init("last-confident-mistakes", .integer), .init("last-mistake-loss-share", .percent(0)),
                .init("max-mistake-loss", .fixed(1)), .init("train-count", .integer), .init("evaluate-every", .integer),
                .init("dev-count", .integer), .init("epochs", .integer), .init("f1-gain-after-best-loss", .fixed(3)),
                .init("loss-rise-after-best-loss", .fixed(3)),
                .init("flipped-dev-labels", .integer), .init("last-mistakes-flipped", .integer),
                .init("last-mistakes-flipped-share", .percent(0)), .init("flipped-dev-share", .percent(0)),
                .init("best-loss-auc", .fixed(3)), .init("last-auc", .fixed(3)), .init("last-fbeta", .fixed(3)),
                .init("best-loss-fbeta", .fixed(3)), .init("linear-accuracy", .percent(1)),
                .init("f1-change-to-last", .fixed(3)), .init("fbeta-change-to-last", .fixed(3)),
                .init("auc-change-to-last", .fixed(3)), .init("f1-lower-at-last", .integer),
                .init("mae-relative-fall", .percent(0)), .init("mistakes-rise-share", .percent(0)),
                .init("correct-loss-change", .fixed(3)),
                .init("best-loss-outer-share", .percent(0)), .init("last-outer-share", .percent(0)),
            ],
            tables: ["summary"], figures: ["curves", "histograms", "reliability", "temperature"])
    }

    /// Dev-set measurements after one epoch.
    struct Snapshot {
        var iteration: Double
        var trainLoss: Double
        var devLoss: Double
        var f1: Double
        var mae: Double
        var logits: [Double]
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let data = Self.xorBlobs(blobs: blobCount, perBlob: pointsPerBlob, dimensions: dimensions, centre: centre,
                                 spread: spread, labelNoise: labelNoise, generator: &generator)
        let labels = data.labels
        let (trainRows, devRows, calibrationRows) = Self.stratifiedSplit(labels: labels, train: trainCount, dev: devCount)
        let features = data.features
        let x = features.rows(trainRows)
        let y = Tensor(shape: [trainCount, 1], scalars: trainRows.map { labels[$0] })
        let devX = features.rows(devRows)
        let devY = devRows.map { labels[$0] }
        let calibrationX = features.rows(calibrationRows)
        let calibrationY = calibrationRows.map { labels[$0] }

        // region: training
        var model = Sequential.multilayerPerceptron(
            sizes: [dimensions, hiddenUnits, 1], activations: [.tanh, .identity], generator: &generator)
        var optimizer = Adam(learningRate: learningRate)
        let trainer = MiniBatchTrainer(batchSize: batchSize)
        let bce = BinaryCrossEntropyWithLogitsLoss()
        var snapshots: [Snapshot] = []
        for epoch in 1...epochs {
            let trainLoss = trainer.epoch(model: &model, optimizer: &optimizer, inputs: x, generator: &generator) { out, batch in
                let r = bce.valueAndGradient(logits: out, targets: y.rows(batch))
                return (r.value.scalars[0], r.gradient)
            }
            if epoch % evaluateEvery != 0 && epoch != 1 { continue }
            // Dev metrics: the loss sees probabilities, F1 sees labels thresholded at 0.5.
            let logits = model(devX).scalars
            let probabilities = logits.map { sigmoid($0) }
            snapshots.append(Snapshot(
                iteration: Double(epoch * trainCount / batchSize), trainLoss: trainLoss,
                devLoss: Self.bce(logits: logits, targets: devY),
                f1: BinaryClassificationScores(probabilities: probabilities, targets: devY).f1,
                mae: meanAbsoluteError(predictions: Tensor(shape: [devCount], scalars: probabilities),
                                       targets: Tensor(shape: [devCount], scalars: devY)),
                logits: logits))
        }
        // endregion

        let bestLoss = snapshots.indices.min { snapshots[$0].devLoss < snapshots[$1].devLoss }!
        // Highest F1; among ties the latest, since the question is about F1 improving late.
        let bestF1 = snapshots.indices.max { snapshots[$0].f1 < snapshots[$1].f1 || (snapshots[$0].f1 == snapshots[$1].f1 && $0 < $1) }!
        let early = snapshots[bestLoss], late = snapshots[bestF1], last = snapshots[snapshots.count - 1]

        // Temperature scaling of the last model, T fitted on the calibration split by a grid search.
        let calibrationLogits = model(calibrationX).scalars
        let temperatures = (0...160).map { Double.pow(10, -0.5 + Double($0) / 100) }
        let calibrationLoss = temperatures.map { t in Self.bce(logits: calibrationLogits.map { $0 / t }, targets: calibrationY) }
        let bestT = temperatures[calibrationLoss.indices.min { calibrationLoss[$0] < calibrationLoss[$1] }!]
        let scaled = last.logits.map { $0 / bestT }
        let scaledF1 = BinaryClassificationScores(probabilities: scaled.map { sigmoid($0) }, targets: devY).f1

        func ece(_ logits: [Double]) -> ReliabilityDiagram {
            ReliabilityDiagram(positiveProbabilities: logits.map { sigmoid($0) }, targets: devY, binCount: reliabilityBins)
        }
        let diagrams = [ece(early.logits), ece(late.logits), ece(last.logits), ece(scaled)]
        let devMistakes = last.logits.indices.filter { (last.logits[$0] > 0 ? 1.0 : 0.0) != devY[$0] }
        let confidentMistakes = devMistakes.filter { abs(sigmoid(last.logits[$0]) - 0.5) > 0.45 }
        let mistakeLosses = devMistakes.map { Self.bce(logits: [last.logits[$0]], targets: [devY[$0]]) }
        let mistakeShare = mistakeLosses.reduce(0, +) / (last.devLoss * Double(devCount))
        let devFlipped = devRows.map { data.flipped[$0] }
        let flippedMistakes = devMistakes.filter { devFlipped[$0] }
        func fBeta(_ logits: [Double]) -> Double {
            let s = BinaryClassificationScores(probabilities: logits.map { sigmoid($0) }, targets: devY)
            let p = s.precision, r = s.recall
            return p + r == 0 ? 0 : (1 + betaSquared) * p * r / (betaSquared * p + r)
        }
        // How well a straight line does: logistic regression on the same training points, scored on dev.
        var linear = Sequential.multilayerPerceptron(sizes: [dimensions, 1], activations: [.identity], generator: &generator)
        var linearOptimizer = Adam(learningRate: learningRate)
        for _ in 1...epochs {
            _ = trainer.epoch(model: &linear, optimizer: &linearOptimizer, inputs: x, generator: &generator) { out, batch in
                let r = bce.valueAndGradient(logits: out, targets: y.rows(batch))
                return (r.value.scalars[0], r.gradient)
            }
        }
        let linearLogits = linear(devX).scalars
        let linearAccuracy = Double(devY.indices.filter { (linearLogits[$0] > 0 ? 1.0 : 0.0) == devY[$0] }.count) / Double(devCount)

        var values: [String: Double] = [
            "best-loss-iteration": early.iteration, "best-loss-dev-loss": early.devLoss, "best-loss-f1": early.f1,
            "best-loss-mae": early.mae, "best-loss-train-loss": early.trainLoss,
            "best-f1-iteration": late.iteration, "best-f1-dev-loss": late.devLoss, "best-f1-f1": late.f1,
            "best-f1-mae": late.mae, "best-f1-train-loss": late.trainLoss,
            "last-iteration": last.iteration, "last-dev-loss": last.devLoss, "last-f1": last.f1, "last-mae": last.mae,
            "last-train-loss": last.trainLoss,
            "temperature": bestT, "scaled-dev-loss": Self.bce(logits: scaled, targets: devY), "scaled-f1": scaledF1,
            "scaled-mae": meanAbsoluteError(predictions: Tensor(shape: [devCount], scalars: scaled.map { sigmoid($0) }),
                                            targets: Tensor(shape: [devCount], scalars: devY)),
            "ece-best-loss": diagrams[0].expectedCalibrationError, "ece-best-f1": diagrams[1].expectedCalibrationError,
            "ece-last": diagrams[2].expectedCalibrationError, "ece-scaled": diagrams[3].expectedCalibrationError,
            "last-mistakes": Double(devMistakes.count), "last-confident-mistakes": Double(confidentMistakes.count),
            "last-mistake-loss-share": mistakeShare,
            "max-mistake-loss": mistakeLosses.max() ?? 0,
            "train-count": Double(trainCount), "evaluate-every": Double(evaluateEvery), "dev-count": Double(devCount), "epochs": Double(epochs),
        ]
        values["f1-gain-after-best-loss"] = late.f1 - early.f1
        values["loss-rise-after-best-loss"] = late.devLoss - early.devLoss
        values["flipped-dev-labels"] = Double(devFlipped.filter { $0 }.count)
        values["flipped-dev-share"] = Double(devFlipped.filter { $0 }.count) / Double(devCount)
        values["last-mistakes-flipped"] = Double(flippedMistakes.count)
        values["last-mistakes-flipped-share"] = devMistakes.isEmpty ? 0 : Double(flippedMistakes.count) / Double(devMistakes.count)
        values["best-loss-auc"] = Self.auc(scores: early.logits, targets: devY)
        values["last-auc"] = Self.auc(scores: last.logits, targets: devY)
        values["best-loss-fbeta"] = fBeta(early.logits)
        values["last-fbeta"] = fBeta(last.logits)
        values["linear-accuracy"] = linearAccuracy
        // The share of dev predictions in the histograms' two outermost bins, p < 0.05 or p > 0.95.
        func outerShare(_ snapshot: Snapshot) -> Double {
            Double(snapshot.logits.map { sigmoid($0) }.filter { $0 < 0.05 || $0 > 0.95 }.count) / Double(snapshot.logits.count)
        }
        values["best-loss-outer-share"] = outerShare(early)
        values["last-outer-share"] = outerShare(last)
        // Paired changes within a run, from the lowest dev loss to the last iteration: their mean ± sd over
        // the seeds is the spread a within-run change is judged against.
        values["f1-change-to-last"] = last.f1 - early.f1
        values["fbeta-change-to-last"] = fBeta(last.logits) - fBeta(early.logits)
        values["auc-change-to-last"] = values["last-auc"]! - values["best-loss-auc"]!
        values["f1-lower-at-last"] = last.f1 < early.f1 ? 1 : 0  // mean over the seeds: the share of seeds
        values["mae-relative-fall"] = 1 - last.mae / early.mae  // the share of MAE lost from the loss minimum to the end
        // Who carries the rise of the dev loss: each dev point's loss change from the loss minimum to the
        // end, summed over the final mistakes, as a share of the whole rise (above 1 when the other points
        // got cheaper), and the mean change of the other points per dev point.
        let pointChange = devY.indices.map {
            Self.bce(logits: [last.logits[$0]], targets: [devY[$0]]) - Self.bce(logits: [early.logits[$0]], targets: [devY[$0]])
        }
        let mistakeSet = Set(devMistakes)
        let mistakesRise = devMistakes.map { pointChange[$0] }.reduce(0, +)
        values["mistakes-rise-share"] = mistakesRise / (Double(devCount) * (last.devLoss - early.devLoss))
        values["correct-loss-change"] = devY.indices.filter { !mistakeSet.contains($0) }.map { pointChange[$0] }.reduce(0, +) / Double(devCount)

        let table = ResultTable(
            columns: [ResultTable.Column("model"), ResultTable.Column("iteration", format: .integer),
                      ResultTable.Column("dev BCE", format: .fixed(3)), ResultTable.Column("dev F1", format: .fixed(3)),
                      ResultTable.Column("dev F_β", format: .fixed(3)), ResultTable.Column("dev AUC", format: .fixed(3)),
                      ResultTable.Column("dev MAE", format: .fixed(3)), ResultTable.Column("ECE", format: .fixed(3))],
            rows: [
                [.text("lowest dev loss"), .number(early.iteration), .number(early.devLoss), .number(early.f1), .number(fBeta(early.logits)),
                 .number(Self.auc(scores: early.logits, targets: devY)), .number(early.mae), .number(diagrams[0].expectedCalibrationError)],
                [.text("highest dev F1"), .number(late.iteration), .number(late.devLoss), .number(late.f1), .number(fBeta(late.logits)),
                 .number(Self.auc(scores: late.logits, targets: devY)), .number(late.mae), .number(diagrams[1].expectedCalibrationError)],
                [.text("last iteration"), .number(last.iteration), .number(last.devLoss), .number(last.f1), .number(fBeta(last.logits)),
                 .number(Self.auc(scores: last.logits, targets: devY)), .number(last.mae), .number(diagrams[2].expectedCalibrationError)],
                // Dividing by T > 0 keeps every label and the ranking, so F_β and AUC are the last model's.
                [.text("last, temperature-scaled"), .number(last.iteration), .number(values["scaled-dev-loss"]!), .number(scaledF1),
                 .number(fBeta(scaled)), .number(Self.auc(scores: scaled, targets: devY)), .number(values["scaled-mae"]!),
                 .number(diagrams[3].expectedCalibrationError)],
            ])

        return ExperimentResult(
            values: values, tables: ["summary": table],
            figures: [
                "curves": curvesFigure(snapshots, early: early, late: late),
                "histograms": histogramFigure(early: early, late: late, last: last),
                "reliability": reliabilityFigure(diagrams, early: early, late: late),
                "temperature": temperatureFigure(temperatures, calibrationLoss, best: bestT),
            ])
    }

    /// Four Gaussian blobs at (±centre, ±centre, 0, …, 0) in shuffled order; the clean label is 1 where
    /// the two signs differ (XOR). With probability `labelNoise` a label is replaced by a random blob's
    /// label; `flipped` marks the points whose label the replacement changed.
    static func xorBlobs(blobs: Int, perBlob: Int, dimensions: Int, centre: Double, spread: Double, labelNoise: Double,
                         generator: inout SeededGenerator) -> (features: Tensor<Double>, labels: [Double], flipped: [Bool]) {
        let signs: [(Double, Double)] = [(1, 1), (-1, -1), (1, -1), (-1, 1)]
        func clean(_ blob: Int) -> Double { blob % 4 < 2 ? 0 : 1 }
        let order = generator.permutation(blobs * perBlob)
        var points = [Double](repeating: 0, count: blobs * perBlob * dimensions)
        var labels = [Double](repeating: 0, count: blobs * perBlob), flipped = [Bool](repeating: false, count: blobs * perBlob)
        for (slot, example) in order.enumerated() {
            let blob = example / perBlob
            let (s1, s2) = signs[blob % 4]
            for d in 0..<dimensions {
                let mean = d == 0 ? s1 * centre : d == 1 ? s2 * centre : 0
                points[slot * dimensions + d] = generator.normal(mean: mean, standardDeviation: spread)
            }
            labels[slot] = generator.bernoulli(labelNoise) ? clean(generator.integer(below: blobs)) : clean(blob)
            flipped[slot] = labels[slot] != clean(blob)
        }
        return (Tensor(shape: [blobs * perBlob, dimensions], scalars: points), labels, flipped)
    }

    /// Rows split into train, dev and calibration with each label's share the same in every split
    /// (to the nearest point): class 0 gives round(n₀ · train / N) rows to train, class 1 the rest of `train`.
    static func stratifiedSplit(labels: [Double], train: Int, dev: Int) -> ([Int], [Int], [Int]) {
        let zeros = labels.indices.filter { labels[$0] == 0 }, ones = labels.indices.filter { labels[$0] != 0 }
        let n = Double(labels.count)
        let train0 = Int((Double(zeros.count * train) / n).rounded()), dev0 = Int((Double(zeros.count * dev) / n).rounded())
        let train1 = train - train0, dev1 = dev - dev0
        let trainRows = (Array(zeros[0..<train0]) + Array(ones[0..<train1])).sorted()
        let devRows = (Array(zeros[train0..<(train0 + dev0)]) + Array(ones[train1..<(train1 + dev1)])).sorted()
        let calibrationRows = (Array(zeros[(train0 + dev0)...]) + Array(ones[(train1 + dev1)...])).sorted()
        return (trainRows, devRows, calibrationRows)
    }

    /// Area under the ROC curve: the probability that a random positive scores above a random
    /// negative, ties counting one half (the Mann–Whitney statistic).
    static func auc(scores: [Double], targets: [Double]) -> Double {
        let positives = scores.indices.filter { targets[$0] != 0 }.map { scores[$0] }
        let negatives = scores.indices.filter { targets[$0] == 0 }.map { scores[$0] }
        var wins = 0.0
        for p in positives { for q in negatives { wins += p > q ? 1 : p == q ? 0.5 : 0 } }
        return wins / Double(positives.count * negatives.count)
    }

    /// Mean BCE of logits against 0/1 targets, through the fused logits loss.
    static func bce(logits: [Double], targets: [Double]) -> Double {
        BinaryCrossEntropyWithLogitsLoss().valueAndGradient(
            logits: Tensor(shape: [logits.count], scalars: logits), targets: Tensor(shape: [targets.count], scalars: targets)
        ).value.scalars[0]
    }

    func curvesFigure(_ s: [Snapshot], early: Snapshot, late: Snapshot) -> Figure {
        let it = s.map(\.iteration)
        let marks: [Layer] = [
            .reference(ReferenceLine(.vertical(x: early.iteration), label: "lowest dev loss")),
            .reference(ReferenceLine(.vertical(x: late.iteration), label: "highest dev F1")),
        ]
        return Figure(
            description: "Three panels over training iterations: training and dev BCE, dev F1 and dev MAE; vertical lines mark the iterations of lowest dev loss and highest dev F1.",
            size: Size(width: 680, height: 640), columns: 1, sharesX: true,
            panels: [
                Panel(title: "binary cross-entropy", y: Axis("BCE (nats)"), layers: [
                    .line(Series("training", x: it, y: s.map(\.trainLoss), style: 1)),
                    .line(Series("dev", x: it, y: s.map(\.devLoss), style: 2)),
                ] + marks),
                Panel(title: "F1 at threshold 0.5", y: Axis("dev F1"), legend: .hidden, layers: [
                    .line(Series("dev F1", x: it, y: s.map(\.f1), style: 3)),
                ] + marks),
                Panel(title: "mean absolute error of probabilities", x: Axis("iteration (mini-batch steps)"), y: Axis("dev MAE"),
                      legend: .hidden, layers: [
                    .line(Series("dev MAE", x: it, y: s.map(\.mae), style: 4)),
                ] + marks),
            ])
    }

    func histogramFigure(early: Snapshot, late: Snapshot, last: Snapshot) -> Figure {
        func panel(_ title: String, _ snapshot: Snapshot) -> Panel {
            Panel(title: title, x: Axis("predicted probability of class 1"), y: Axis("fraction of dev points"), legend: .hidden,
                  layers: [.histogram(Histogram("iteration \(Int(snapshot.iteration))", values: snapshot.logits.map { sigmoid($0) },
                                                binCount: 20, range: 0...1, normalized: true, style: 1))])
        }
        return Figure(
            description: "Histograms of the dev set's predicted probabilities at the iteration of lowest dev loss, of highest F1 and at the end of training.",
            size: Size(width: 720, height: 300), columns: 3, sharesY: true,
            panels: [
                panel("lowest loss (it. \(Int(early.iteration)))", early), panel("highest F1 (it. \(Int(late.iteration)))", late),
                panel("last (it. \(Int(last.iteration)))", last),
            ])
    }

    func reliabilityFigure(_ diagrams: [ReliabilityDiagram], early: Snapshot, late: Snapshot) -> Figure {
        func panel(_ title: String, _ d: ReliabilityDiagram) -> Panel {
            Panel.reliabilityDiagram(
                title: title, binEdges: [0] + d.bins.map(\.upper), accuracy: d.bins.map(\.frequency),
                confidence: d.bins.map(\.meanConfidence))
        }
        return Figure(
            description: "Reliability diagrams: fraction of positives per predicted-probability bin against the diagonal, at the iteration of lowest dev loss, at the end of training, and after temperature scaling.",
            size: Size(width: 720, height: 300), columns: 3,
            panels: [
                panel("lowest loss (it. \(Int(early.iteration)))", diagrams[0]), panel("last iteration", diagrams[2]),
                panel("last, temperature-scaled", diagrams[3]),
            ])
    }

    func temperatureFigure(_ t: [Double], _ loss: [Double], best: Double) -> Figure {
        Figure(
            description: "Calibration-split BCE of the final model's logits divided by T, for T from 10^−0.5 to 10^1.1 on a log axis; the minimum is marked.",
            size: Size(width: 560, height: 340),
            panel: Panel(x: Axis("temperature T", scale: .log), y: Axis("calibration BCE (nats)"), layers: [
                .line(Series("BCE of σ(z / T)", x: t, y: loss, style: 1)),
                .reference(ReferenceLine(.vertical(x: 1), label: "T = 1 (as trained)")),
                .reference(ReferenceLine(.vertical(x: best), label: "best T")),
            ]))
    }
}
