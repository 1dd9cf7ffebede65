import Foundation
@testable import SVGPlot

/// One deterministic figure per chart kind: the golden files and the gallery are made from these.
enum Samples {
    /// A small linear congruential generator, so sample data is the same on every machine.
    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        /// Approximately standard normal (sum of 12 uniforms).
        mutating func normal() -> Double { (0..<12).reduce(0) { acc, _ in acc + next() } - 6 }
    }

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }

    static var all: [Figure] {
        [lines, scatter, histogram, groupedBars, manyCategories, heatmap, contourSurface, imageGrid, smallMultiples, region, reliability, logAxes]
    }

    static var lines: Figure {
        let epochs = (0..<60).map(Double.init)
        let train = epochs.map { 2.3 * exp(-$0 / 9) + 0.08 }
        let validation = epochs.map { 2.3 * exp(-$0 / 9) + 0.12 + 0.0009 * pow(max($0 - 18, 0), 1.6) }
        var broken = epochs.map { 1.6 * exp(-$0 / 14) + 0.3 }
        broken[31] = .nan
        broken[32] = .infinity
        return Figure(
            name: "sample-lines", title: "Training and validation loss per epoch",
            description: "Line chart: two loss curves over 60 epochs; validation turns up after epoch 20.",
            panel: Panel(
                x: Axis("epoch"), y: Axis("cross-entropy loss"),
                layers: [
                    .line(Series("training", x: epochs, y: train)),
                    .line(Series("validation", x: epochs, y: validation)),
                    .line(Series("float32 (overflows at 31–32)", x: epochs, y: broken)),
                    .reference(ReferenceLine(.horizontal(y: 0.08), label: "irreducible loss")),
                    .annotation(Annotation("validation turns up", x: 40, y: 1.2, arrowTo: (x: 33, y: validation[33]))),
                ]))
    }

    static var scatter: Figure {
        var rng = LCG(state: 7)
        let a = (0..<120).map { _ in (rng.normal() - 1, rng.normal() - 0.5) }
        let b = (0..<120).map { _ in (rng.normal() + 1.2, rng.normal() + 0.8) }
        return Figure(
            name: "sample-scatter", title: "Two classes in feature space",
            description: "Scatter plot: 120 points per class, two overlapping Gaussian clouds.",
            panel: Panel(
                x: Axis("feature 1"), y: Axis("feature 2"),
                layers: [
                    .scatter(Series("class 0", x: a.map(\.0), y: a.map(\.1))),
                    .scatter(Series("class 1", x: b.map(\.0), y: b.map(\.1))),
                    .reference(ReferenceLine(.sloped(slope: -1.1, intercept: 0.4), label: "decision boundary")),
                ]))
    }

    static var histogram: Figure {
        var rng = LCG(state: 11)
        let early = (0..<2000).map { _ in sigmoid(rng.normal() * 1.1 + 0.4) }
        let late = (0..<2000).map { _ in sigmoid(rng.normal() * 4 + 1) }
        return Figure(
            name: "sample-histogram", title: "Predicted probabilities early and late in training",
            description: "Histogram: 2,000 predicted probabilities at two iterations in 25 bins; late mass piles up at 0 and 1.",
            panel: Panel(
                x: Axis("predicted probability"), y: Axis("fraction of pixels"),
                layers: [
                    .histogram(Histogram("iteration 200", values: early, binCount: 25, range: 0...1, normalized: true)),
                    .histogram(Histogram("iteration 5000", values: late, binCount: 25, range: 0...1, normalized: true)),
                ]))
    }

    static var groupedBars: Figure {
        Figure(
            name: "sample-grouped-bars", title: "Per-class IoU with and without class weights",
            description: "Grouped bar chart: IoU for three classes, unweighted and weighted training.",
            size: Size(width: 560, height: 340),
            panel: Panel(
                y: Axis("intersection over union", limits: 0...1),
                layers: [
                    .groupedBars(GroupedBars(categories: ["background", "disc", "thin bar"], groups: [
                        .init("unweighted", values: [0.97, 0.88, 0.21]),
                        .init("class-weighted", values: [0.95, 0.86, 0.64]),
                    ]))
                ]))
    }

    static var manyCategories: Figure {
        let names = ["background", "road", "sidewalk", "building", "vegetation", "pedestrian", "cyclist", "traffic sign"]
        return Figure(
            name: "sample-many-categories", title: "Pixel frequency and IoU per class",
            description: "Grouped bar chart with eight long category names that are turned so they do not overlap.",
            size: Size(width: 420, height: 320),
            panel: Panel(
                y: Axis("fraction"),
                layers: [
                    .groupedBars(GroupedBars(categories: names, groups: [
                        .init("pixel share", values: [0.41, 0.22, 0.09, 0.14, 0.1, 0.02, 0.01, 0.01]),
                        .init("IoU", values: [0.93, 0.9, 0.71, 0.8, 0.77, 0.38, 0.29, 0.22]),
                        .init("IoU, class-weighted", values: [0.91, 0.88, 0.72, 0.79, 0.76, 0.52, 0.47, 0.41]),
                    ]))
                ]))
    }

    static func surface(_ w: Double, _ b: Double) -> Double {
        // Mean squared error of a sigmoid on four points: a non-convex surface with a plateau.
        let data: [(Double, Double)] = [(-2, 0), (-0.5, 0), (0.7, 1), (2, 1)]
        return data.reduce(0) { acc, p in acc + pow(sigmoid(w * p.0 + b) - p.1, 2) } / 4
    }

    static var heatmap: Figure {
        let grid = Grid(x: -3...3, y: -3...3, columns: 48, rows: 48) { x, y in sin(x) * cos(y * 0.8) + 0.15 * x }
        return Figure(
            name: "sample-heatmap", title: "A signed field on a diverging colour scale",
            description: "Heatmap: 48 × 48 grid of sin(x)·cos(0.8y) + 0.15x on a blue–red scale centred at zero.",
            size: Size(width: 520, height: 420),
            panel: Panel(
                x: Axis("x"), y: Axis("y"), equalAspect: true,
                layers: [.heatmap(Heatmap("field", grid: grid, colormap: .diverging, colorBar: "value"))]))
    }

    static var contourSurface: Figure {
        let grid = Grid(x: -6...6, y: -6...6, columns: 60, rows: 60, surface)
        let path = (0..<12).map { i -> (Double, Double) in (-5 + Double(i) * 0.55, 4 - Double(i) * 0.45) }
        return Figure(
            name: "sample-contours", title: "MSE loss surface of a sigmoid unit over (w, b)",
            description: "Heatmap with labelled contour lines: the loss over w and b in [−6, 6], and a gradient-descent path.",
            size: Size(width: 560, height: 460),
            panel: Panel(
                x: Axis("weight w"), y: Axis("bias b"), equalAspect: true,
                layers: [
                    .heatmap(Heatmap("MSE", grid: grid, colorBar: "mean squared error")),
                    .contours(Contours("MSE contours", grid: grid)),
                    .line(Series("gradient descent", x: path.map(\.0), y: path.map(\.1), style: 8)),
                ]))
    }

    static var imageGrid: Figure {
        let n = 32
        func disc(_ r: Int, _ c: Int) -> Bool { pow(Double(r) - 12, 2) + pow(Double(c) - 18, 2) < 49 }
        func bar(_ r: Int, _ c: Int) -> Bool { abs(r - 24) <= 1 && c > 3 && c < 28 }
        var rng = LCG(state: 3)
        let truth = (0..<n).map { r in (0..<n).map { c in disc(r, c) ? 1.0 : bar(r, c) ? 2.0 : 0.0 } }
        let input = truth.map { row in row.map { 0.25 + 0.3 * $0 + 0.18 * rng.normal() } }
        let prediction = (0..<n).map { r in (0..<n).map { c in disc(r, c) ? 1.0 : (bar(r, c) && c % 5 != 0) ? 2.0 : 0.0 } }
        let loss = (0..<n).map { r in (0..<n).map { c in prediction[r][c] == truth[r][c] ? 0.02 + 0.05 * rng.next() : 2 + rng.next() } }
        let classes = ["background", "disc", "thin bar"]
        return Figure(
            name: "sample-image-grid", title: "Input, ground truth, prediction and per-pixel loss",
            description: "Image grid: four 32 × 32 maps of the synthetic segmentation task.",
            size: Size(width: 720, height: 260), columns: 4,
            panels: [
                Panel(title: "input", x: .hidden, y: .hidden, legend: .hidden, equalAspect: true, layers: [.heatmap(Heatmap("input", grid: Grid(image: input), colormap: .gray))]),
                Panel(title: "ground truth", x: .hidden, y: .hidden, legend: .hidden, equalAspect: true, layers: [.heatmap(Heatmap("ground truth", grid: Grid(image: truth), colormap: .categorical(classes)))]),
                Panel(title: "prediction", x: .hidden, y: .hidden, legend: .outside, equalAspect: true, layers: [.heatmap(Heatmap("prediction", grid: Grid(image: prediction), colormap: .categorical(classes)))]),
                Panel(title: "per-pixel loss", x: .hidden, y: .hidden, equalAspect: true, layers: [.heatmap(Heatmap("loss", grid: Grid(image: loss), colorBar: ""))]),
            ])
    }

    static var smallMultiples: Figure {
        let p = (1...99).map { Double($0) / 100 }
        let names = ["y = 0", "y = 1"]
        let panels = names.enumerated().map { index, name -> Panel in
            let y = Double(index)
            return Panel(
                title: "target \(name)", x: Axis("predicted probability p"), y: Axis(index == 0 ? "loss" : nil),
                layers: [
                    .line(Series("cross-entropy", x: p, y: p.map { -(y * log($0) + (1 - y) * log(1 - $0)) })),
                    .line(Series("squared error", x: p, y: p.map { pow($0 - y, 2) })),
                ])
        }
        return Figure(
            name: "sample-small-multiples", title: "Per-element loss for targets 0 and 1",
            description: "Small multiples sharing the y axis: cross-entropy and squared error against p for each target.",
            size: Size(width: 680, height: 320), columns: 2, sharesX: true, sharesY: true, panels: panels)
    }

    static var region: Figure {
        let w = stride(from: -6.0, through: 6.0, by: 0.05).map { $0 }
        let loss = w.map { pow(sigmoid($0) - 1, 2) }
        let second = w.map { -2 * sigmoid($0) * pow(1 - sigmoid($0), 2) * (1 - 3 * sigmoid($0)) }
        let spread = w.map { 0.04 + 0.02 * cos($0) }
        return Figure(
            name: "sample-region", title: "MSE of one sigmoid unit and where it is concave",
            description: "Line chart with a shaded region: L(w) = (σ(w) − 1)², its second derivative, and w < −ln 2 shaded.",
            panel: Panel(
                x: Axis("weight w"), y: Axis("value"),
                layers: (try! Span.regions(x: w, where: second.map { $0 < 0 }, label: "L″(w) < 0")).map(Layer.span) + [
                    .band(Band("loss ± noise", x: w, lower: zip(loss, spread).map { $0 - $1 }, upper: zip(loss, spread).map { $0 + $1 }, style: 1)),
                    .line(Series("loss L(w)", x: w, y: loss, style: 1)),
                    .line(Series("L″(w)", x: w, y: second, style: 2)),
                    .reference(ReferenceLine(.vertical(x: -log(2.0)), label: "w = −ln 2")),
                    .reference(ReferenceLine(.horizontal(y: 0))),
                ]))
    }

    static var reliability: Figure {
        let edges = (0...10).map { Double($0) / 10 }
        let accuracy = [0.02, 0.08, 0.14, 0.22, Double.nan, 0.43, 0.52, 0.61, 0.74, 0.9]
        let confidence = (0..<10).map { (Double($0) + 0.5) / 10 }
        return Figure(
            name: "sample-reliability", title: "Reliability diagram of an over-confident model",
            description: "Reliability diagram: observed accuracy per confidence bin against the diagonal; one empty bin.",
            size: Size(width: 440, height: 420),
            panel: .reliabilityDiagram(binEdges: edges, accuracy: accuracy, confidence: confidence))
    }

    static var logAxes: Figure {
        let scale = (0...40).map { pow(10, Double($0) / 10) }
        let naive = scale.map { $0 < 88 ? 1e-7 * $0 : Double.nan }
        let fused = scale.map { 1e-16 * $0 + 1e-17 }
        return Figure(
            name: "sample-log", title: "Error of naive and fused log-softmax as logits grow",
            description: "Log–log line chart: absolute error against logit scale 1 to 10⁴; the naive curve stops where it overflows.",
            panel: Panel(
                x: Axis("logit scale", scale: .log), y: Axis("absolute error", scale: .log),
                layers: [
                    .line(Series("naive softmax then log (float32)", x: scale, y: naive)),
                    .line(Series("fused log-sum-exp (float32)", x: scale, y: fused)),
                    .reference(ReferenceLine(.vertical(x: 88.7), label: "exp overflows")),
                ]))
    }
}
