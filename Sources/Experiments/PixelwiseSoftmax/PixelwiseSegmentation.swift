import ExperimentKit
import LossKit
import RealModule
import SVGPlot

/// A per-pixel classifier trained with pixel-wise cross-entropy on synthetic
/// three-class images (background, a disc, a one-pixel bar), once with the
/// plain mean and once with median-frequency class weights.
struct PixelwiseSegmentation: SeededExperiment {
    var id: String { "ps-segmentation" }
    var version: Int { 2 }
    var sourceFile: String { #filePath }

    @Param("image size", shown: { "\($0)×\($0)" }) var size = 16
    @Param("training images") var trainImages = 16
    @Param("test images") var testImages = 8
    @Param("feature noise σ") var noise = 0.75
    @Param("bar width (px)") var barWidth = 1
    @Param("model") var model = "1×1 convolution, 3 → 3 (12 parameters)"
    @Param("optimiser", shown: { "Adam, lr \($0)" }) var learningRate = 0.1
    @Param("epochs") var epochs = 20
    @Param("batch size (images)") var batchSize = 4
    @Param("class weights") var classWeighting = "median frequency / class frequency, from the training labels"
    @Param("seed") var seed: UInt64 = 7
    var seeds: [UInt64] { [7, 8, 9, 10, 11] }

    var outputs: Outputs {
        let classes = SegmentationImages.classNames
        let perClass: [Outputs.Value] = classes.flatMap { name in
            [.init("frequency-\(name)", .percent(1)), .init("weight-\(name)", .fixed(2))]
        }
        let perRun: [Outputs.Value] = ["plain", "weighted"].flatMap { run in
            classes.flatMap { name -> [Outputs.Value] in
                [.init("\(run)-iou-\(name)", .fixed(3)), .init("\(run)-precision-\(name)", .fixed(2)),
                 .init("\(run)-recall-\(name)", .fixed(2)), .init("\(run)-predicted-\(name)", .integer),
                 .init("\(run)-actual-\(name)", .integer)]
            } + [.init("\(run)-mean-iou", .fixed(3)), .init("\(run)-accuracy", .percent(1)),
                 .init("\(run)-test-loss", .fixed(3)), .init("\(run)-objective", .fixed(3))]
        }
        return Outputs(
            values: perClass + perRun + [
                .init("test-pixels", .integer), .init("weight-ratio", .fixed(1)), .init("background-per-bar", .fixed(1)),
                .init("shifted-posterior", .fixed(2)), .init("size", .integer), .init("train-images", .integer),
                .init("test-images", .integer), .init("epochs", .integer), .init("batch-size", .integer),
                .init("noise", .fixed(2)), .init("learning-rate", .fixed(2)), .init("disc-iou-raised", .integer),
            ],
            tables: ["iou"], figures: ["maps", "curves", "iou"])
    }

    /// What one training run leaves behind.
    struct Run {
        var model: Conv2D
        var objective: [Double]
        var testLoss: [Double]
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: seed)
        let trainSet = SegmentationImages(count: trainImages, size: size, noise: noise, barWidth: barWidth, generator: &generator)
        let test = SegmentationImages(count: testImages, size: size, noise: noise, barWidth: barWidth, generator: &generator)
        let frequencies = trainSet.classFrequencies
        let median = frequencies.sorted()[frequencies.count / 2]
        let weights = frequencies.map { median / $0 }
        let initial = Conv2D.perPixelClassifier(features: 3, classes: 3, generator: &generator)
        let trainingOrder = generator  // both runs see the same initial model and the same batches

        let plain = self.train(initial, weights: nil, data: trainSet, test: test, generator: trainingOrder)
        let weighted = self.train(initial, weights: weights, data: trainSet, test: test, generator: trainingOrder)

        var values: [String: Double] = [:]
        for (k, name) in SegmentationImages.classNames.enumerated() {
            values["frequency-\(name)"] = frequencies[k]
            values["weight-\(name)"] = weights[k]
        }
        var rows: [[ResultTable.Cell]] = []
        var iou: [String: [Double]] = [:]
        for (label, run) in [("plain mean", plain), ("class-weighted", weighted)] {
            let key = label == "plain mean" ? "plain" : "weighted"
            let predicted = argmaxOverClasses(run.model(test.images))
            let matrix = ConfusionMatrix(predicted: predicted, actual: test.labels, classes: 3)
            for (k, name) in SegmentationImages.classNames.enumerated() {
                rows.append([.text(label), .text(name), .number(matrix.intersectionOverUnion(k)), .number(matrix.precision(k)),
                             .number(matrix.recall(k)), .number(Double(matrix.truePositives(k) + matrix.falsePositives(k)))])
                values["\(key)-iou-\(name)"] = matrix.intersectionOverUnion(k)
                values["\(key)-precision-\(name)"] = matrix.precision(k)
                values["\(key)-recall-\(name)"] = matrix.recall(k)
                values["\(key)-predicted-\(name)"] = Double(matrix.truePositives(k) + matrix.falsePositives(k))
                values["\(key)-actual-\(name)"] = Double(matrix.truePositives(k) + matrix.falseNegatives(k))
                iou[label, default: []].append(matrix.intersectionOverUnion(k))
            }
            values["\(key)-mean-iou"] = iou[label]!.reduce(0, +) / 3
            values["\(key)-accuracy"] = matrix.accuracy
            values["\(key)-test-loss"] = run.testLoss.last!
            values["\(key)-objective"] = run.objective.last!
        }
        values["test-pixels"] = Double(test.labels.count)
        // The bar's weight relative to the background's, and where it moves a posterior of 0.1 (see the chapter's derivation).
        let ratio = weights[2] / weights[0]
        values["weight-ratio"] = ratio
        values["background-per-bar"] = frequencies[0] / frequencies[2]
        values["shifted-posterior"] = ratio * 0.1 / (ratio * 0.1 + 0.9)
        for (key, value) in [("size", size), ("train-images", trainImages), ("test-images", testImages), ("epochs", epochs),
                             ("batch-size", batchSize)] {
            values[key] = Double(value)
        }
        values["noise"] = noise
        // 1 when the weights raised the disc's IoU in this seed: the chapter counts such seeds.
        values["disc-iou-raised"] = values["weighted-iou-disc"]! > values["plain-iou-disc"]! ? 1 : 0
        values["learning-rate"] = learningRate

        let table = ResultTable(
            columns: [ResultTable.Column("training loss"), ResultTable.Column("class"), ResultTable.Column("IoU", format: .fixed(3)),
                      ResultTable.Column("precision", format: .fixed(3)), ResultTable.Column("recall", format: .fixed(3)),
                      ResultTable.Column("pixels predicted", format: .integer)],
            rows: rows)
        return ExperimentResult(
            values: values, tables: ["iou": table],
            figures: ["maps": maps(test: test, plain: plain.model, weighted: weighted.model),
                      "curves": curves(plain: plain, weighted: weighted),
                      "iou": iouFigure(iou)])
    }

    // region: training
    func train(_ initial: Conv2D, weights: [Double]?, data: SegmentationImages, test: SegmentationImages,
               generator start: SeededGenerator) -> Run {
        var model = initial
        var generator = start
        var optimizer = Adam(learningRate: learningRate)
        let trainer = MiniBatchTrainer(batchSize: batchSize)
        let loss = CrossEntropyLoss(weight: weights)  // logits [B, 3, H, W], targets [B, H, W]
        let pixelsPerImage = size * size
        var run = Run(model: model, objective: [], testLoss: [])
        for _ in 0..<epochs {
            let objective = trainer.epoch(model: &model, optimizer: &optimizer, inputs: data.images, generator: &generator) { logits, batch in
                let targets = gatherRows(data.labels, rowSize: pixelsPerImage, batch)
                let (value, gradient) = loss.valueAndGradient(logits: logits, targets: targets)
                return (value.scalars[0], gradient)
            }
            run.objective.append(objective)
            // Judged by the same unweighted loss, so the two runs are comparable.
            run.testLoss.append(CrossEntropyLoss().valueAndGradient(logits: model(test.images), targets: test.labels).value.scalars[0])
        }
        run.model = model
        return run
    }
    // endregion

    /// The first test image: one input channel, the truth, and for each run the prediction and the per-pixel loss.
    func maps(test: SegmentationImages, plain: Conv2D, weighted: Conv2D) -> Figure {
        let image = test.images.rows([0])
        let truth = Array(test.labels[0..<(size * size)])
        func grid(_ values: [Double]) -> Grid {
            Grid(image: (0..<size).map { r in Array(values[(r * size)..<((r + 1) * size)]) })
        }
        func panel(_ title: String, _ heatmap: Heatmap, legend: Panel.Legend = .hidden) -> Panel {
            Panel(title: title, x: .hidden, y: .hidden, legend: legend, equalAspect: true, layers: [.heatmap(heatmap)])
        }
        let names = SegmentationImages.classNames
        let barFeature = Array(image.scalars[(2 * size * size)..<(3 * size * size)])
        let runs = [("plain", plain), ("weighted", weighted)]
        let lossMaps = runs.map {
            CrossEntropyLoss(reduction: .none).valueAndGradient(logits: $0.1(image), targets: truth).value.scalars
        }
        let top = lossMaps.joined().max()!
        let predictions = runs.map { name, model in
            panel("\(name): prediction", Heatmap("\(name) prediction", grid: grid(argmaxOverClasses(model(image)).map(Double.init)),
                                                 colormap: .categorical(names)))
        }
        let losses = zip(runs, lossMaps).map { run, lossMap in
            panel("\(run.0): −log p(y)", Heatmap("\(run.0) loss", grid: grid(lossMap), valueRange: 0...top, colorBar: "nats"))
        }
        let panels = [panel("input: bar feature", Heatmap("bar feature", grid: grid(barFeature), colormap: .gray))] + predictions
            + [panel("ground truth", Heatmap("ground truth", grid: grid(truth.map(Double.init)), colormap: .categorical(names)), legend: .outside)]
            + losses
        return Figure(
            description: "Image grid of a \(size)×\(size) test image: the noisy bar feature, the true labels, and for each training loss the predicted labels and the per-pixel cross-entropy −log p(y) on a shared colour scale.",
            size: Size(width: 760, height: 560), columns: 3, panels: panels)
    }

    func curves(plain: Run, weighted: Run) -> Figure {
        let epochs = (1...self.epochs).map(Double.init)
        return Figure(
            description: "Line chart over \(self.epochs) epochs: each run's training objective (mean over the epoch's batches) and the unweighted cross-entropy on the test images.",
            size: Size(width: 640, height: 360),
            panel: Panel(
                x: Axis("epoch"), y: Axis("cross-entropy (nats per pixel)"), legend: .outside,
                layers: [
                    .line(Series("plain: training", x: epochs, y: plain.objective, style: 1)),
                    .line(Series("plain: test", x: epochs, y: plain.testLoss, style: 3)),
                    .line(Series("weighted: training", x: epochs, y: weighted.objective, style: 2)),
                    .line(Series("weighted: test", x: epochs, y: weighted.testLoss, style: 4)),
                ]))
    }

    func iouFigure(_ iou: [String: [Double]]) -> Figure {
        Figure(
            description: "Grouped bars: intersection over union for background, disc and bar, trained with the plain mean and with class weights.",
            size: Size(width: 560, height: 340),
            panel: Panel(
                y: Axis("intersection over union", limits: 0...1), legend: .outside,
                layers: [.groupedBars(GroupedBars(categories: SegmentationImages.classNames, groups: [
                    .init("plain mean", values: iou["plain mean"]!, style: 1),
                    .init("class-weighted", values: iou["class-weighted"]!, style: 2),
                ]))]))
    }
}
