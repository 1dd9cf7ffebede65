import ExperimentKit
import LossKit

/// One training run of chapter 7's denoising autoencoder: masked patterns in,
/// clean patterns out, mean squared error, one optimiser and one output activation.
///
/// Every run of the chapter starts from the same data and the same initial
/// weights for a given seed, so curves differ only by what the run varies.
/// Its settings are the parameters every experiment of the chapter shows; the
/// optimisers' settings are groups of their own, shown by the experiments that use them.
struct DenoisingRun: ParameterGroup {
    /// The optimisers the chapter compares, with the settings it states on the page.
    enum OptimizerChoice: String, CaseIterable {
        case sgd = "SGD"
        case momentum = "momentum"
        case adagrad = "AdaGrad"
        case adadelta = "AdaDelta"
        case adam = "Adam"
    }

    /// What one run records.
    struct Record {
        /// Mean training loss of each epoch (the trainer's example-weighted batch mean).
        var loss: [Double] = []
        /// Fraction of output units whose pre-activation is ≤ 0 on every training input, after each epoch
        /// (ReLU and clipped outputs only; empty otherwise).
        var deadOutputs: [Double] = []
        /// Fraction of code units whose pre-activation is ≤ 0 on every training input, after each epoch
        /// (ReLU and clipped outputs only; empty otherwise).
        var deadCodes: [Double] = []
        /// Test-set mean squared error after the last epoch.
        var testLoss = Double.nan
        /// Test-set mean squared error after clamping every output to [0, 1], the range of the targets.
        var clippedTestLoss = Double.nan
        /// Test reconstructions after the last epoch, `[N, side·side]`.
        var reconstructions = Tensor<Double>(repeating: 0, shape: [0, 0])
        /// Fraction of output units dead with the initial weights (ReLU and clipped outputs only).
        var deadOutputsAtInit = Double.nan
        /// Output units that went from alive to dead between two counts (initial weights, then every epoch).
        var deaths = 0
        /// Output units that went from dead back to alive between two counts.
        var revivals = 0
        /// Per epoch, the mean over its steps of RMS(Δθ) / RMS(g) over all parameters: the effective learning rate.
        var effectiveStep: [Double] = []
        /// Per epoch, the mean over its steps of RMS(g) over all parameters: the size of the gradient each optimiser was handed.
        var gradientRMS: [Double] = []
        /// Per epoch, the mean over its steps of Σg⁴ / Σg² over all parameters: g² weighted by g², the size
        /// of the gradients that carry the gradient norm (and so dominate RMS(Δθ) / RMS(g)).
        var weightedGradientSquare: [Double] = []
        /// The gradient of the very first step, one entry per parameter.
        var firstGradient: [Double] = []
        /// RMS over all parameters of the net movement from the initial to the final weights.
        var displacement = Double.nan
    }

    @Param("image side") var side = 6
    @Param("code units") var code = 8
    @Param("training images") var trainCount = 48
    @Param("test images") var testCount = 24
    @Param("masking probability") var masking = 0.25
    @Param("batch size") var batchSize = 16
    @Param("epochs") var epochs = 40
    @Param("seed") var seed: UInt64 = 7

    /// The learning rates (and momentum) of the optimisers other than AdaDelta, as the chapter states them.
    struct Rates: ParameterGroup {
        @Param("SGD lr") var sgd = 0.1
        @Param("momentum lr") var momentumRate = 0.02
        @Param("momentum") var momentum = 0.9
        @Param("AdaGrad lr") var adagrad = 0.05
        @Param("Adam lr") var adam = 0.01
    }

    /// AdaDelta's settings: PyTorch's defaults.
    struct AdadeltaSettings: ParameterGroup {
        @Param("AdaDelta rho") var rho = 0.9
        @Param("AdaDelta eps") var epsilon = 1e-6

        var optimizer: Adadelta { Adadelta(rho: rho, epsilon: epsilon) }
    }

    /// The same run with a different number of epochs.
    func training(epochs: Int) -> DenoisingRun {
        var copy = self
        copy.epochs = epochs
        return copy
    }

    /// Training and test sets, drawn from one generator so they never overlap by construction of the seed.
    func data() -> (train: MaskedPatterns, test: MaskedPatterns) {
        var generator = SeededGenerator(seed: seed)
        let train = MaskedPatterns(count: trainCount, side: side, maskingProbability: masking, generator: &generator)
        let test = MaskedPatterns(count: testCount, side: side, maskingProbability: masking, generator: &generator)
        return (train, test)
    }

    /// Trains with `choice`, at the chapter's settings for it, and `output`.
    func run(_ choice: OptimizerChoice, output: Activation, hidden: Activation = .relu,
             rates: Rates = Rates(), adadelta: AdadeltaSettings = AdadeltaSettings()) -> Record {
        switch choice {
        case .sgd: train(SGD(learningRate: rates.sgd), output: output, hidden: hidden)
        case .momentum: train(SGD(learningRate: rates.momentumRate, momentum: rates.momentum), output: output, hidden: hidden)
        case .adagrad: train(Adagrad(learningRate: rates.adagrad), output: output, hidden: hidden)
        case .adadelta: train(adadelta.optimizer, output: output, hidden: hidden)
        case .adam: train(Adam(learningRate: rates.adam), output: output, hidden: hidden)
        }
    }

    /// Wraps an optimiser and records RMS(Δθ) / RMS(g) of every step it takes.
    struct StepSizeRecorder<Inner: Optimizer>: Optimizer {
        var inner: Inner
        var ratios: [Double] = []
        /// RMS(g) over all parameters, for every step.
        var gradientSizes: [Double] = []
        /// Σg⁴ / Σg² for every step with a nonzero gradient.
        var weightedSquares: [Double] = []
        /// The first gradient handed over, the parameters before the first step and after the latest.
        var firstGradient: [Double] = []
        var start: [Double] = []
        var latest: [Double] = []

        mutating func step(parameters: inout [Double], gradient: [Double]) {
            if start.isEmpty { start = parameters; firstGradient = gradient }
            let before = parameters
            inner.step(parameters: &parameters, gradient: gradient)
            latest = parameters
            let moved = zip(parameters, before).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let pushed = gradient.reduce(0.0) { $0 + $1 * $1 }
            if pushed > 0 {
                ratios.append((moved / pushed).squareRoot())
                weightedSquares.append(gradient.reduce(0.0) { $0 + $1 * $1 * $1 * $1 } / pushed)
            }
            if !gradient.isEmpty { gradientSizes.append((pushed / Double(gradient.count)).squareRoot()) }
        }
    }

    /// `clean` with each pixel set to 0 with probability `masking`, freshly drawn.
    static func masked(_ clean: Tensor<Double>, probability: Double, generator: inout SeededGenerator) -> Tensor<Double> {
        Tensor(shape: clean.shape, scalars: clean.scalars.map { generator.bernoulli(probability) ? 0 : $0 })
    }

    // region: training
    ///
    /// `gradientScale` multiplies the loss gradient, and so every parameter's gradient, before the optimiser
    /// sees it: the same run with a uniformly damped gradient, all else (data, weights, batches, masks) equal.
    func train<O: Optimizer>(_ optimizer: O, output: Activation, hidden: Activation = .relu, gradientScale: Double = 1) -> Record {
        let (trainSet, testSet) = data()
        // One seed: every run gets the same initial weights, batches and masks.
        var generator = SeededGenerator(seed: seed &+ 1)
        var masks = SeededGenerator(seed: seed &+ 2)
        var model = Autoencoder(
            inputs: side * side, code: code, hiddenActivation: hidden,
            outputActivation: output, generator: &generator)
        var optimizer = StepSizeRecorder(inner: optimizer)
        let trainer = MiniBatchTrainer(batchSize: batchSize)
        let mse = MeanSquaredErrorLoss()
        var record = Record()
        let countsDead = output == .relu || output == .clipped(lower: 0, upper: 1)
        var deadBefore = countsDead ? Self.deadUnits(model, inputs: trainSet.noisy).output : []
        record.deadOutputsAtInit = countsDead ? Self.share(deadBefore) : .nan
        for _ in 0..<epochs {
            // Fresh masking noise every epoch, as Vincent et al. corrupt each presentation anew.
            let noisy = Self.masked(trainSet.clean, probability: masking, generator: &masks)
            optimizer.ratios.removeAll(keepingCapacity: true)
            optimizer.gradientSizes.removeAll(keepingCapacity: true)
            optimizer.weightedSquares.removeAll(keepingCapacity: true)
            let loss = trainer.epoch(
                model: &model, optimizer: &optimizer,
                inputs: noisy, generator: &generator
            ) { reconstruction, batch in
                // Masked images in, clean images as targets.
                let target = trainSet.clean.rows(batch)
                let (value, gradient) = mse.valueAndGradient(
                    predictions: reconstruction, targets: target)
                let scaled = gradientScale == 1 ? gradient : Tensor(shape: gradient.shape, scalars: gradient.scalars.map { gradientScale * $0 })
                return (value.scalars[0], scaled)
            }
            record.loss.append(loss)
            record.effectiveStep.append(optimizer.ratios.reduce(0, +) / Double(max(optimizer.ratios.count, 1)))
            record.gradientRMS.append(optimizer.gradientSizes.reduce(0, +) / Double(max(optimizer.gradientSizes.count, 1)))
            record.weightedGradientSquare.append(optimizer.weightedSquares.reduce(0, +) / Double(max(optimizer.weightedSquares.count, 1)))
            // Only ReLU-like outputs can die; elsewhere skip the count. Counted on one fixed masked copy.
            if countsDead {
                let dead = Self.deadUnits(model, inputs: trainSet.noisy)
                record.deadCodes.append(Self.share(dead.code))
                record.deadOutputs.append(Self.share(dead.output))
                record.deaths += zip(deadBefore, dead.output).filter { !$0 && $1 }.count
                record.revivals += zip(deadBefore, dead.output).filter { $0 && !$1 }.count
                deadBefore = dead.output
            }
        }
        record.firstGradient = optimizer.firstGradient
        let net = zip(optimizer.latest, optimizer.start).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        record.displacement = (net / Double(max(optimizer.start.count, 1))).squareRoot()
        let clean = testSet.clean
        record.reconstructions = model(testSet.noisy)
        record.testLoss = mse.valueAndGradient(
            predictions: record.reconstructions, targets: clean).value.scalars[0]
        let clamped = Activation.clipped(lower: 0, upper: 1)(record.reconstructions)
        record.clippedTestLoss = mse.valueAndGradient(
            predictions: clamped, targets: clean).value.scalars[0]
        return record
    }
    // endregion

    /// Training losses of two trivial reconstructions: all zeros, and the mean training image whatever the input.
    func baselineLosses() -> (zeros: Double, meanImage: Double) {
        let clean = data().train.clean
        let (count, pixels) = (clean.shape[0], clean.shape[1])
        var zeros = 0.0, meanImage = 0.0
        for p in 0..<pixels {
            let column = (0..<count).map { clean.scalars[$0 * pixels + p] }
            let mean = column.reduce(0, +) / Double(count)
            zeros += column.reduce(0) { $0 + $1 * $1 }
            meanImage += column.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        }
        return (zeros / Double(clean.count), meanImage / Double(clean.count))
    }

    /// Which code units and which output units are off (pre-activation ≤ 0) for every input.
    ///
    /// Such a unit passes no gradient to its weights, so only changes elsewhere
    /// in the network can ever switch it back on.
    static func deadUnits(_ model: Autoencoder, inputs: Tensor<Double>) -> (code: [Bool], output: [Bool]) {
        func dead(_ layer: Dense, _ input: Tensor<Double>) -> [Bool] {
            let z = layer.preActivation(input)
            let units = layer.outputs
            return (0..<units).map { unit in (0..<z.shape[0]).allSatisfy { z.scalars[$0 * units + unit] <= 0 } }
        }
        guard let encoderLayer = model.encoder.layers.last as? Dense,
              let decoderLayer = model.decoder.layers.last as? Dense else { return ([], []) }
        let encoderValues = model.encoder.activations(inputs)
        let decoderValues = model.decoder.activations(encoderValues[encoderValues.count - 1])
        return (dead(encoderLayer, encoderValues[encoderValues.count - 2]),
                dead(decoderLayer, decoderValues[decoderValues.count - 2]))
    }

    /// The share of `true` in `flags` (NaN if empty).
    static func share(_ flags: [Bool]) -> Double {
        flags.isEmpty ? .nan : Double(flags.filter { $0 }.count) / Double(flags.count)
    }
}
