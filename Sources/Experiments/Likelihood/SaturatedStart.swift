import ExperimentKit
import LossKit
import SVGPlot

/// Logistic regression started confidently wrong, trained by full-batch SGD once
/// with MSE on the sigmoid's output and once with cross-entropy (BCE with logits).
struct SaturatedStart: SeededExperiment {
    var id: String { "lk-saturated-start" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    @Param("examples per class") var perClass = 50
    @Param("dimensions") var dimensions = 2
    @Param("blob spread") var spread = 1.0
    @Param("centre scale") var centreScale = 4.0
    /// The starting weights are −scale·(unit vector between the class centres).
    @Param("start: w = −scale·û, b through the midpoint; scale") var startScale = 6.0
    @Param("learning rate (SGD, full batch)") var learningRate = 0.5
    @Param("steps") var steps = 600
    @Param("accuracy threshold") var accuracyThreshold = 0.9
    @Param("seed") var seed: UInt64 = 11
    var seeds: [UInt64] { [11, 12, 13, 14, 15] }
    /// The step at which the text quotes both runs' cross-entropy.
    var probeStep = 100

    var outputs: Outputs {
        let perRun: [Outputs.Value] = ["mse", "ce"].flatMap { run in
            [.init("\(run)-steps", .integer), .init("\(run)-reached", .integer), .init("\(run)-final-ce", .fixed(3)),
             .init("\(run)-final-accuracy", .percent(0)), .init("\(run)-ce-at-probe", .fixed(2)),
             .init("\(run)-final-alignment", .fixed(3)), .init("\(run)-final-bias", .fixed(2)),
             .init("\(run)-final-norm", .fixed(2)), .init("\(run)-bias-change", .fixed(2)),
             .init("\(run)-norm-change", .fixed(2))]
        }
        return Outputs(
            values: perRun + [
                .init("start-ce", .fixed(2)), .init("start-accuracy", .percent(0)), .init("start-alignment", .fixed(2)),
                .init("start-bias", .fixed(2)), .init("start-norm", .fixed(2)),
                .init("start-wrong-positive", .percent(0)), .init("start-wrong-negative", .percent(0)), .init("mse-predicted-positive", .percent(0)),
                .init("probe-step", .integer), .init("threshold", .percent(0)), .init("per-class", .integer),
                .init("centre-scale", .fixed(0)), .init("start-scale", .fixed(0)), .init("learning-rate", .fixed(1)),
                .init("steps", .integer), .init("seed", .integer),
                // Every seed's MSE run, classified (the same in each seed's result): frozen (neither |w|
                // nor b moves), one class (at most 10 % or at least 90 % called positive), or partial.
                .init("seed-count", .integer), .init("seeds-mse-frozen", .integer), .init("seeds-mse-one-class", .integer),
                .init("seeds-mse-partial", .integer), .init("seeds-mse-norm-grew", .integer),
                .init("seeds-mse-norm-shrank", .integer), .init("frozen-seed", .integer),
                .init("mse-frozen", .integer), .init("one-class-below", .percent(0)), .init("one-class-above", .percent(0)),
            ],
            tables: ["summary", "seeds"], figures: ["curves", "parameters"])
    }

    struct Run {
        var crossEntropy: [Double] = []
        var accuracy: [Double] = []
        /// First step with training accuracy ≥ the threshold, or nil.
        var stepsToThreshold: Int?
        /// Weights and bias after the last step.
        var final: [Double] = []
        /// Share of points the model calls positive at the last recorded step.
        var predictedPositive = 0.0
        /// Bias, weight length and cosine with the centre direction, per step.
        var bias: [Double] = []
        var norm: [Double] = []
        var cosine: [Double] = []

        mutating func record(parameters: [Double], unit: [Double]) {
            let length = (parameters[0] * parameters[0] + parameters[1] * parameters[1]).squareRoot()
            bias.append(parameters[2])
            norm.append(length)
            cosine.append((parameters[0] * unit[0] + parameters[1] * unit[1]) / length)
        }

        mutating func record(crossEntropy value: Double, probabilities p: Tensor<Double>, targets y: Tensor<Double>,
                             step: Int, threshold: Double) {
            let correct = zip(p.scalars, y.scalars).filter { ($0 >= 0.5) == ($1 == 1) }.count
            crossEntropy.append(value)
            predictedPositive = Double(p.scalars.filter { $0 >= 0.5 }.count) / Double(p.count)
            accuracy.append(Double(correct) / Double(p.count))
            if stepsToThreshold == nil, accuracy.last! >= threshold { stepsToThreshold = step }
        }

        /// Cosine between the learned weights and the unit vector from class 0's centre to class 1's.
        func alignment(with unit: [Double]) -> Double {
            let w = final[0..<2]
            let norm = (w[0] * w[0] + w[1] * w[1]).squareRoot()
            return (w[0] * unit[0] + w[1] * unit[1]) / norm
        }
    }

    /// Both runs of this seed, for the table over all seeds.
    func bothRuns() -> (mse: Run, ce: Run) {
        let (data, targets, _, start, unit) = problem()
        return (train(start: start, data: data.features, targets: targets, useCrossEntropy: false, unit: unit),
                train(start: start, data: data.features, targets: targets, useCrossEntropy: true, unit: unit))
    }

    /// This seed's data and the saturated start: weights of length `startScale` pointing from class 1's
    /// centre to class 0's, the boundary through the midpoint; `unit` is the centre direction.
    func problem() -> (data: GaussianBlobs, targets: Tensor<Double>, w: [Double], start: [Double], unit: [Double]) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let data = GaussianBlobs(classes: 2, perClass: perClass, dimensions: 2, spread: spread,
                                 centreScale: centreScale, generator: &generator)
        let targets = Tensor(shape: [data.labels.count, 1], scalars: data.labels.map(Double.init))
        let (c0, c1) = (data.centres[0], data.centres[1])
        let direction = [c1[0] - c0[0], c1[1] - c0[1]]
        let length = (direction[0] * direction[0] + direction[1] * direction[1]).squareRoot()
        let w = direction.map { -startScale * $0 / length }
        let mid = [(c0[0] + c1[0]) / 2, (c0[1] + c1[1]) / 2]
        let start = w + [-(w[0] * mid[0] + w[1] * mid[1])]
        return (data, targets, w, start, direction.map { $0 / length })
    }

    /// An MSE run favours one class if it calls at most this share of the points positive, or at least 1 minus it.
    static let oneClassShare = 0.1

    enum MSEOutcome: String { case frozen = "does not move", oneClass = "one class", partial = "partly" }

    static func outcome(_ run: Run) -> MSEOutcome {
        if Swift.abs(run.norm.last! - run.norm[0]) < 1e-3 && Swift.abs(run.bias.last! - run.bias[0]) < 1e-3 { return .frozen }
        return run.predictedPositive <= oneClassShare || run.predictedPositive >= 1 - oneClassShare ? .oneClass : .partial
    }

    func run() throws -> ExperimentResult {
        let (data, targets, w, start, unit) = problem()
        let mse = train(start: start, data: data.features, targets: targets, useCrossEntropy: false, unit: unit)
        let ce = train(start: start, data: data.features, targets: targets, useCrossEntropy: true, unit: unit)
        let x = (0...steps).map(Double.init)
        // At the start every point is on the wrong side with the same margin distribution for
        // both classes: the share of each class the start gets wrong.
        let startLogits = (0..<data.labels.count).map { n in
            w[0] * data.features.scalars[2 * n] + w[1] * data.features.scalars[2 * n + 1] + start[2]
        }
        func wrongShare(_ label: Int) -> Double {
            let members = data.labels.indices.filter { data.labels[$0] == label }
            let wrong = members.filter { (startLogits[$0] >= 0) != (label == 1) }
            return Double(wrong.count) / Double(members.count)
        }
        let parameterPanels: [Panel] = [
            Panel(title: "bias b", x: Axis("SGD step"), y: Axis("b"), layers: [
                .line(Series("trained with MSE", x: x, y: mse.bias, style: 1)),
                .line(Series("trained with cross-entropy", x: x, y: ce.bias, style: 2)),
            ]),
            Panel(title: "weight length |w|", x: Axis("SGD step"), y: Axis("|w|"), layers: [
                .line(Series("trained with MSE", x: x, y: mse.norm, style: 1)),
                .line(Series("trained with cross-entropy", x: x, y: ce.norm, style: 2)),
            ]),
            Panel(title: "direction of w", x: Axis("SGD step"), y: Axis("cosine with the centre direction", limits: -1...1), layers: [
                .line(Series("trained with MSE", x: x, y: mse.cosine, style: 1)),
                .line(Series("trained with cross-entropy", x: x, y: ce.cosine, style: 2)),
                .reference(ReferenceLine(.horizontal(y: 0), label: "orthogonal")),
            ]),
        ]
        let parameterFigure = Figure(
            description: "Bias, weight length and the cosine between the weights and the direction from class 0's centre to class 1's, per SGD step, for the MSE and the cross-entropy run.",
            size: Size(width: 760, height: 300), columns: 3, sharesX: true, panels: parameterPanels)
        let figure = Figure(
            description: "Training cross-entropy (log scale) and accuracy per step for logistic regression trained with MSE and with cross-entropy from the same saturated start.",
            size: Size(width: 720, height: 340), columns: 2, sharesX: true, panels: [
                Panel(title: "cross-entropy on the training set", x: Axis("SGD step"), y: Axis("mean BCE (nats)", scale: .log), layers: [
                    .line(Series("trained with MSE", x: x, y: mse.crossEntropy, style: 1)),
                    .line(Series("trained with cross-entropy", x: x, y: ce.crossEntropy, style: 2)),
                ]),
                Panel(title: "accuracy", x: Axis("SGD step"), y: Axis("training accuracy", limits: 0...1), layers: [
                    .line(Series("trained with MSE", x: x, y: mse.accuracy, style: 1)),
                    .line(Series("trained with cross-entropy", x: x, y: ce.accuracy, style: 2)),
                    .reference(ReferenceLine(.horizontal(y: accuracyThreshold), label: "threshold")),
                ]),
            ])
        let table = ResultTable(
            columns: [ResultTable.Column("trained with", format: .integer), ResultTable.Column("start CE", format: .fixed(2)),
                      ResultTable.Column("final CE", format: .fixed(3)), ResultTable.Column("final accuracy", format: .percent(0)),
                      ResultTable.Column("steps to threshold", format: .integer)],
            rows: [("MSE", mse), ("cross-entropy", ce)].map { name, run in
                [.text(name), .number(run.crossEntropy[0]), .number(run.crossEntropy.last!), .number(run.accuracy.last!),
                 run.stepsToThreshold.map { .number(Double($0)) } ?? .text("not within \(steps)")]
            })
        var rows: [[ResultTable.Cell]] = [], outcomes: [MSEOutcome] = [], grew = 0, frozenSeed = 0.0
        for s in seeds {
            var other = self
            other.seed = s
            let (m, c) = other.bothRuns()
            let o = Self.outcome(m)
            outcomes.append(o)
            if m.norm.last! > m.norm[0] { grew += 1 }
            if o == .frozen && frozenSeed == 0 { frozenSeed = Double(s) }
            rows.append([.number(Double(s)), .number(m.accuracy.last!), .number(m.predictedPositive),
                         .number(m.norm.last! - m.norm[0]), .number(m.bias.last! - m.bias[0]), .text(o.rawValue),
                         c.stepsToThreshold.map { .number(Double($0)) } ?? .text("not within \(steps)")])
        }
        let seedTable = ResultTable(
            columns: [ResultTable.Column("seed", format: .integer), ResultTable.Column("MSE: final accuracy", format: .percent(0)),
                      ResultTable.Column("called positive", format: .percent(0)), ResultTable.Column("change of |w|", format: .fixed(2)),
                      ResultTable.Column("change of b", format: .fixed(2)), ResultTable.Column("MSE run", format: .integer),
                      ResultTable.Column("CE: steps to threshold", format: .integer)],
            rows: rows)
        let count = { (o: MSEOutcome) in Double(outcomes.filter { $0 == o }.count) }
        return ExperimentResult(
            values: [
                "seed-count": Double(seeds.count), "seeds-mse-frozen": count(.frozen), "seeds-mse-one-class": count(.oneClass),
                "seeds-mse-partial": count(.partial), "seeds-mse-norm-grew": Double(grew),
                "seeds-mse-norm-shrank": Double(seeds.count - grew), "frozen-seed": frozenSeed,
                "mse-frozen": Self.outcome(mse) == .frozen ? 1 : 0,
                "one-class-below": Self.oneClassShare, "one-class-above": 1 - Self.oneClassShare,
                "start-ce": ce.crossEntropy[0], "start-accuracy": ce.accuracy[0],
                "mse-steps": Double(mse.stepsToThreshold ?? steps), "ce-steps": Double(ce.stepsToThreshold ?? steps),
                "mse-reached": mse.stepsToThreshold == nil ? 0 : 1, "ce-reached": ce.stepsToThreshold == nil ? 0 : 1,
                "mse-final-ce": mse.crossEntropy.last!, "ce-final-ce": ce.crossEntropy.last!,
                "mse-final-accuracy": mse.accuracy.last!, "ce-final-accuracy": ce.accuracy.last!,
                "mse-ce-at-probe": mse.crossEntropy[min(probeStep, steps)], "ce-ce-at-probe": ce.crossEntropy[min(probeStep, steps)],
                "mse-final-alignment": mse.alignment(with: unit),
                "ce-final-alignment": ce.alignment(with: unit),
                "start-alignment": mse.cosine[0], "start-bias": mse.bias[0], "start-norm": mse.norm[0],
                "start-wrong-positive": wrongShare(1), "start-wrong-negative": wrongShare(0),
                "mse-final-bias": mse.bias.last!, "ce-final-bias": ce.bias.last!,
                "mse-final-norm": mse.norm.last!, "ce-final-norm": ce.norm.last!,
                "mse-bias-change": mse.bias.last! - mse.bias[0], "ce-bias-change": ce.bias.last! - ce.bias[0],
                "mse-norm-change": mse.norm.last! - mse.norm[0], "ce-norm-change": ce.norm.last! - ce.norm[0],
                "mse-predicted-positive": mse.predictedPositive, "probe-step": Double(probeStep), "threshold": accuracyThreshold, "per-class": Double(perClass),
                "centre-scale": centreScale, "start-scale": startScale, "learning-rate": learningRate,
                "steps": Double(steps), "seed": Double(seed),
            ],
            tables: ["summary": table, "seeds": seedTable], figures: ["curves": figure, "parameters": parameterFigure])
    }

    // region: saturated-training
    func train(start: [Double], data x: Tensor<Double>,
               targets y: Tensor<Double>, useCrossEntropy: Bool, unit: [Double]) -> Run {
        var model = Dense(inputs: 2, outputs: 1, parameters: start)
        var optimizer = SGD(learningRate: learningRate)
        let bce = BinaryCrossEntropyWithLogitsLoss()
        let squared = MeanSquaredErrorLoss()
        var run = Run()
        for step in 0...steps {
            let z = model.preActivation(x)
            let ce = bce.valueAndGradient(logits: z, targets: y)
            let p = Activation.sigmoid(z)
            let mse = squared.valueAndGradient(predictions: p, targets: y)
            run.record(crossEntropy: ce.value.scalars[0], probabilities: p,
                       targets: y, step: step, threshold: accuracyThreshold)
            run.record(parameters: model.parameters, unit: unit)
            if step == steps { break }
            // ∂ℓ/∂z: BCE with logits gives (p − y)/N directly;
            // MSE gives 2(p − y)/N, to be multiplied by σ′(z) = p(1 − p).
            var dz = ce.gradient
            if !useCrossEntropy {
                for k in dz.scalars.indices {
                    let s = p.scalars[k] * (1 - p.scalars[k])
                    dz.scalars[k] = mse.gradient.scalars[k] * s
                }
            }
            let g = model.backward(input: x, outputGradient: dz).parameters
            optimizer.step(parameters: &model.parameters, gradient: g)
        }
        run.final = model.parameters
        return run
    }
    // endregion
}
