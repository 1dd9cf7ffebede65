import LossKit
import RealModule
import SVGPlot

/// A per-pixel classifier trained with pixel-wise cross-entropy on synthetic
/// three-class images (background, a disc, a one-pixel bar), once with the
/// plain mean and once with median-frequency class weights.
struct PixelwiseSegmentation: Experiment {
    var id: String { "ps-segmentation" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }

    var size = 16
    var trainImages = 16
    var testImages = 8
    var noise = 0.75
    var barWidth = 1
    var epochs = 20
    var batchSize = 4
    var learningRate = 0.1
    var seed: UInt64 = 7

    var parameters: [Parameter] {
        [Parameter("image size", .string("\(size)×\(size)")), Parameter("training images", .int(trainImages)),
         Parameter("test images", .int(testImages)), Parameter("feature noise σ", .double(noise)),
         Parameter("bar width (px)", .int(barWidth)), Parameter("model", .string("1×1 convolution, 3 → 3 (12 parameters)")),
         Parameter("optimiser", .string("Adam, lr \(learningRate)")), Parameter("epochs", .int(epochs)),
         Parameter("batch size (images)", .int(batchSize)),
         Parameter("class weights", .string("median frequency / class frequency, from the training labels")),
         Parameter("seed", .int(Int(seed)))]
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
        for (k, name) in ["background", "disc", "bar"].enumerated() {
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

        let table = ResultTable(
            columns: [ResultTable.Column("training loss"), ResultTable.Column("class"), ResultTable.Column("IoU", format: "fixed:3"),
                      ResultTable.Column("precision", format: "fixed:3"), ResultTable.Column("recall", format: "fixed:3"),
                      ResultTable.Column("pixels predicted", format: "int")],
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

    /// The first test image: two input channels, the truth, both predictions and both per-pixel loss maps.
    func maps(test: SegmentationImages, plain: Conv2D, weighted: Conv2D) -> Figure {
        let image = test.images.rows([0])
        let truth = Array(test.labels[0..<(size * size)])
        func grid(_ values: [Double]) -> Grid {
            Grid(image: (0..<size).map { r in Array(values[(r * size)..<((r + 1) * size)]) })
        }
        func channel(_ c: Int) -> [Double] { Array(image.scalars[(c * size * size)..<((c + 1) * size * size)]) }
        let names = SegmentationImages.classNames
        var panels = [
            Panel(title: "input: disc feature", x: .hidden, y: .hidden, legend: .hidden, equalAspect: true,
                  layers: [.heatmap(Heatmap("disc feature", grid: grid(channel(1)), colormap: .gray))]),
            Panel(title: "input: bar feature", x: .hidden, y: .hidden, legend: .hidden, equalAspect: true,
                  layers: [.heatmap(Heatmap("bar feature", grid: grid(channel(2)), colormap: .gray))]),
            Panel(title: "ground truth", x: .hidden, y: .hidden, legend: .outside, equalAspect: true,
                  layers: [.heatmap(Heatmap("ground truth", grid: grid(truth.map(Double.init)), colormap: .categorical(names)))]),
        ]
        let lossMaps = [plain, weighted].map {
            CrossEntropyLoss(reduction: .none).valueAndGradient(logits: $0(image), targets: truth).value.scalars
        }
        let top = lossMaps.joined().max()!
        for (title, model, lossMap) in [("plain mean", plain, lossMaps[0]), ("class-weighted", weighted, lossMaps[1])] {
            let predicted = argmaxOverClasses(model(image)).map(Double.init)
            panels.append(Panel(title: "prediction, \(title)", x: .hidden, y: .hidden, legend: .hidden, equalAspect: true,
                                layers: [.heatmap(Heatmap("prediction, \(title)", grid: grid(predicted), colormap: .categorical(names)))]))
            panels.append(Panel(title: "−log p_y, \(title)", x: .hidden, y: .hidden, legend: .hidden, equalAspect: true,
                                layers: [.heatmap(Heatmap("loss, \(title)", grid: grid(lossMap), valueRange: 0...top, colorBar: "−log p_y"))]))
        }
        let ordered = [panels[0], panels[1], panels[2], panels[3], panels[5], panels[4], panels[6]]
        return Figure(
            name: "ps-segmentation-maps", title: "One test image: input features, ground truth, predictions and per-pixel loss",
            description: "Image grid of a \(size)×\(size) test image: two noisy input channels, the true labels, then for each training loss the predicted labels and the per-pixel cross-entropy −log p_y on a shared colour scale.",
            size: Size(width: 760, height: 560), columns: 4, panels: Array(ordered[0..<3]) + [ordered[3], ordered[4], ordered[5], ordered[6]].map { $0 })
    }

    func curves(plain: Run, weighted: Run) -> Figure {
        let epochs = (1...self.epochs).map(Double.init)
        return Figure(
            name: "ps-segmentation-curves", title: "Loss per epoch for the two training losses",
            description: "Line chart over \(self.epochs) epochs: each run's training objective (mean over the epoch's batches) and the unweighted cross-entropy on the test images.",
            size: Size(width: 640, height: 360),
            panel: Panel(
                x: Axis("epoch"), y: Axis("cross-entropy (nats per pixel)"), legend: .outside,
                layers: [
                    .line(Series("plain mean: training objective", x: epochs, y: plain.objective, style: 1)),
                    .line(Series("plain mean: test CE", x: epochs, y: plain.testLoss, style: 3)),
                    .line(Series("class-weighted: training objective", x: epochs, y: weighted.objective, style: 2)),
                    .line(Series("class-weighted: test CE (unweighted)", x: epochs, y: weighted.testLoss, style: 4)),
                ]))
    }

    func iouFigure(_ iou: [String: [Double]]) -> Figure {
        Figure(
            name: "ps-segmentation-iou", title: "Per-class IoU on the test images",
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
