import ExperimentKit
import LossKit
import SVGPlot

/// Chapter 4 (b): the same kind of imbalanced multi-label data, but few
/// training examples and a wide hidden layer, trained full-batch without
/// regularisation: the textbook U-turn of the validation loss.
struct OverfittingExperiment: SeededExperiment {
    var id: String { "lc-overfitting" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    @Param("seed") var seed: UInt64 = 5
    var seeds: [UInt64] { [5, 6, 7, 8, 9] }
    var trainCount = 40
    var validationCount = 300
    let shownSplit = DerivedParameter<Self>("train / validation") { "\($0.trainCount) / \($0.validationCount)" }
    @Param("feature dimensions") var dimensions = 10
    @Param("label base rates π") var baseRates = [0.3, 0.1, 0.04, 0.02]
    @Param("feature noise σ") var noise = 1.5
    var hiddenUnits = 32
    let shownModel = DerivedParameter<Self>("model") { "\($0.dimensions) → \($0.hiddenUnits) tanh → \($0.baseRates.count) logits" }
    @Param("optimiser") var optimiser = "Adam, full batch"
    @Param("learning rate") var learningRate = 0.01
    @Param("epochs") var epochs = 300
    @Param("validation every", shown: { "\($0) epochs" }) var evaluateEvery = 10
    @Param("class weights") var classWeights = "none"

    var outputs: Outputs {
        Outputs(
            values: [
                .init("best-epoch", .integer), .init("best-validation", .fixed(3)), .init("best-train", .fixed(3)),
                .init("final-train", .fixed(4)), .init("final-validation", .fixed(3)), .init("first-validation", .fixed(3)),
                .init("final-binary-accuracy", .percent(1)), .init("best-binary-accuracy", .percent(1)),
                .init("parameters", .integer), .init("train-count", .integer), .init("validation-count", .integer),
                .init("train-labels", .integer), .init("train-positives", .integer),
                .init("all-zeros-binary-accuracy", .percent(1)), .init("max-binary-accuracy", .percent(1)),
                .init("best-mean-ap", .fixed(2)), .init("final-mean-ap", .fixed(2)), .init("max-mean-ap", .fixed(2)),
                .init("baseline-mean-ap", .fixed(3)), .init("best-train-validation-gap", .fixed(3)),
                .init("mean-ap-change", .fixed(2)), .init("validation-rise", .fixed(2)),
                .init("final-train-max-element", .fixed(3)), .init("final-train-min-probability-of-truth", .fixed(3)),
                .init("labels", .integer), .init("seed-count", .integer),
                .init("beats-all-zeros", .integer), .init("best-ap-over-baseline", .fixed(2)), .init("final-ap-over-baseline", .fixed(2)),
            ],
            figures: ["curves", "accuracy"])
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let data = MultiLabelData(count: trainCount + validationCount, dimensions: dimensions, baseRates: baseRates,
                                  noise: noise, generator: &generator)
        let trainRows = Array(0..<trainCount), validationRows = Array(trainCount..<(trainCount + validationCount))
        let x = data.features.rows(trainRows), y = data.targets.rows(trainRows)
        let validationX = data.features.rows(validationRows), validationY = data.targets.rows(validationRows)
        var model = Sequential.multilayerPerceptron(
            sizes: [dimensions, hiddenUnits, baseRates.count], activations: [.tanh, .identity], generator: &generator)
        var optimizer = Adam(learningRate: learningRate)
        let loss = BinaryCrossEntropyWithLogitsLoss()

        var epochAxis: [Double] = [], trainCurve: [Double] = [], validationCurve: [Double] = []
        var validationAccuracy: [Double] = [], validationAP: [Double] = []
        let labels = baseRates.count
        func column(_ v: [Double], _ l: Int) -> [Double] { stride(from: l, to: v.count, by: labels).map { v[$0] } }
        func meanAP(_ logits: Tensor<Double>) -> Double {
            (0..<labels).map { LossCurvesHelpers.averagePrecision(scores: column(logits.scalars, $0), targets: column(validationY.scalars, $0)) }
                .reduce(0, +) / Double(labels)
        }
        var parameters = model.parameters
        // region: loop
        for epoch in 1...epochs {
            let logits = model(x)
            let gradient = loss.valueAndGradient(logits: logits, targets: y).gradient
            optimizer.step(parameters: &parameters, gradient: model.backward(input: x, outputGradient: gradient).parameters)
            model.parameters = parameters
            if epoch == 1 || epoch % evaluateEvery == 0 {
                // Both losses after this epoch's step, with the same parameters.
                let validationLogits = model(validationX)
                epochAxis.append(Double(epoch))
                trainCurve.append(loss.valueAndGradient(logits: model(x), targets: y).value.scalars[0])
                validationCurve.append(loss.valueAndGradient(logits: validationLogits, targets: validationY).value.scalars[0])
                validationAccuracy.append(binaryAccuracy(
                    probabilities: Tensor(shape: validationLogits.shape, scalars: validationLogits.scalars.map { sigmoid($0) }),
                    targets: validationY))
                validationAP.append(meanAP(validationLogits))
            }
        }
        // endregion
        let best = validationCurve.indices.min { validationCurve[$0] < validationCurve[$1] }!
        // The worst-fitted training entry at the end: its loss −log p(true label), and that probability.
        let perEntry = BinaryCrossEntropyWithLogitsLoss(reduction: .none).valueAndGradient(logits: model(x), targets: y).value.scalars
        let worstEntry = perEntry.max()!
        // A random ranking's expected AP per label (not the positive rate when a label has few positives), averaged.
        let baselineAP = (0..<labels).map {
            LossCurvesHelpers.randomRankingAP(positives: Int(column(validationY.scalars, $0).reduce(0, +)), count: validationCount)
        }.reduce(0, +) / Double(labels)
        let allZeros = binaryAccuracy(probabilities: Tensor(repeating: 0.0, shape: validationY.shape), targets: validationY)
        let values: [String: Double] = [
            "best-epoch": epochAxis[best], "best-validation": validationCurve[best], "best-train": trainCurve[best],
            "final-train": trainCurve.last!, "final-validation": validationCurve.last!,
            "first-validation": validationCurve[0],
            "final-binary-accuracy": validationAccuracy.last!, "best-binary-accuracy": validationAccuracy[best],
            "parameters": Double(model.parameters.count), "train-count": Double(trainCount), "validation-count": Double(validationCount),
            "train-labels": Double(y.count), "train-positives": y.scalars.reduce(0, +),
            "all-zeros-binary-accuracy": allZeros, "max-binary-accuracy": validationAccuracy.max()!,
            "best-mean-ap": validationAP[best], "final-mean-ap": validationAP.last!, "max-mean-ap": validationAP.max()!,
            "baseline-mean-ap": baselineAP,
            "best-ap-over-baseline": validationAP[best] / baselineAP, "final-ap-over-baseline": validationAP.last! / baselineAP,
            "beats-all-zeros": validationAccuracy.max()! > allZeros ? 1 : 0,
            "best-train-validation-gap": validationCurve[best] - trainCurve[best],
            "mean-ap-change": validationAP.last! - validationAP[best],
            "validation-rise": validationCurve.last! - validationCurve[best],
            "final-train-max-element": worstEntry, "final-train-min-probability-of-truth": Double.exp(-worstEntry),
            "labels": Double(labels), "seed-count": Double(seeds.count),
        ]
        let figure = Figure(
            description: "Training and validation BCE per epoch for a wide network on few examples; the validation loss falls, bottoms out and climbs while the training loss keeps falling.",
            size: Size(width: 640, height: 380),
            panel: Panel(x: Axis("epoch (full-batch steps)"), y: Axis("BCE, mean over labels (nats)"), layers: [
                .line(Series("training", x: epochAxis, y: trainCurve, style: 1)),
                .line(Series("validation", x: epochAxis, y: validationCurve, style: 2)),
                .reference(ReferenceLine(.vertical(x: epochAxis[best]), label: "lowest validation loss")),
            ]))
        let accuracy = Figure(
            description: "Validation binary accuracy over all labels and mean average precision over the four labels per epoch for the over-parameterised run, with the accuracy of predicting all zeros and the AP of a random ranking.",
            size: Size(width: 640, height: 360),
            panel: Panel(x: Axis("epoch (full-batch steps)"), y: Axis("validation score"), layers: [
                .line(Series("binary accuracy", x: epochAxis, y: validationAccuracy, style: 3)),
                .reference(ReferenceLine(.horizontal(y: allZeros), label: "all-zeros accuracy")),
                .line(Series("mean average precision", x: epochAxis, y: validationAP, style: 4)),
                .reference(ReferenceLine(.horizontal(y: baselineAP), label: "AP of a random ranking")),
                .reference(ReferenceLine(.vertical(x: epochAxis[best]), label: "lowest validation loss")),
            ]))
        return ExperimentResult(values: values, figures: ["curves": figure, "accuracy": accuracy])
    }
}
