import ExperimentKit
import LossKit
import SVGPlot

/// Linear regression fitted twice on the same noisy data: by least squares (the
/// normal equations) and by gradient descent on the Gaussian negative
/// log-likelihood with the precision β learned as well (as log β, so it stays positive).
struct GaussianLikelihoodFit: Experiment {
    var id: String { "lk-gaussian-fit" }
    var version: Int { 1 }
    var sourceFile: String { #filePath }
    @Param("examples") var count = 100
    @Param("true weights") var trueWeights = [2.0, -1.0]
    @Param("true bias") var trueBias = 0.5
    @Param("noise σ") var noise = 0.3
    @Param("learning rate (SGD, full batch)") var learningRate = 0.05
    @Param("steps") var steps = 1000
    @Param("initial weights, bias, log β") var start = "0, 0, 0, 0"
    @Param("seed") var seed = 5

    var outputs: Outputs {
        Outputs(
            values: [
                .init("ls-w1", .fixed(3)), .init("ls-w2", .fixed(3)), .init("ls-b", .fixed(3)),
                .init("ml-w1", .fixed(3)), .init("ml-w2", .fixed(3)), .init("ml-b", .fixed(3)),
                .init("max-weight-gap", .scientific(1)), .init("beta-ml", .fixed(2)), .init("beta-true", .fixed(2)),
                .init("sigma-ml", .fixed(4)), .init("ls-mse", .fixed(6)), .init("ml-mse", .fixed(6)), .init("inverse-beta-ml", .fixed(6)),
                .init("final-nll", .fixed(3)), .init("examples", .integer), .init("noise", .fixed(1)), .init("steps", .integer),
                .init("learning-rate", .fixed(2)), .init("seed", .integer), .init("true-w1", .fixed(1)), .init("true-w2", .fixed(1)),
                .init("true-b", .fixed(1)),
            ],
            tables: ["estimates"], figures: ["trace"])
    }

    func run() throws -> ExperimentResult {
        var generator = SeededGenerator(seed: UInt64(seed))
        let data = LinearRegressionData(count: count, weights: trueWeights, bias: trueBias,
                                        noiseStandardDeviation: noise, generator: &generator)
        let d = trueWeights.count
        let leastSquares = Self.leastSquares(data)
        let lsModel = Dense(inputs: d, outputs: 1, parameters: leastSquares)
        let lsMSE = MeanSquaredErrorLoss().valueAndGradient(predictions: lsModel(data.features), targets: data.targets).value.scalars[0]

        // region: gaussian-ml
        // θ = (w, b, log β): maximise the Gaussian log-likelihood = minimise its mean negative.
        var theta = [Double](repeating: 0, count: d + 2)
        var optimizer = SGD(learningRate: learningRate)
        var nll: [Double] = [], sigma: [Double] = [], gap: [Double] = []
        for _ in 0..<steps {
            let model = Dense(inputs: d, outputs: 1, parameters: Array(theta[0...d]))
            let beta = Double.exp(theta[d + 1])
            let loss = GaussianNegativeLogLikelihoodLoss(precision: beta, reduction: .mean)
            let (value, gradient, betaGradient) = loss.valueAndGradient(predictions: model(data.features), targets: data.targets)
            let weightGradient = model.backward(input: data.features, outputGradient: gradient).parameters
            // Chain rule through β = exp(s): ∂L/∂s = β·∂L/∂β.
            optimizer.step(parameters: &theta, gradient: weightGradient + [beta * betaGradient])
            nll.append(value.scalars[0])
            sigma.append(1 / beta.squareRoot())
            gap.append(zip(theta[0...d], leastSquares).map { Swift.abs($0 - $1) }.max()!)
        }
        // endregion
        let betaML = Double.exp(theta[d + 1])
        let mlModel = Dense(inputs: d, outputs: 1, parameters: Array(theta[0...d]))
        let mlMSE = MeanSquaredErrorLoss().valueAndGradient(predictions: mlModel(data.features), targets: data.targets).value.scalars[0]

        let names = (1...d).map { "w\($0)" } + ["b"]
        let table = ResultTable(
            columns: [ResultTable.Column("parameter", format: .integer), ResultTable.Column("true", format: .fixed(4)),
                      ResultTable.Column("least squares", format: .fixed(6)), ResultTable.Column("max. likelihood", format: .fixed(6))],
            rows: names.indices.map { k in
                [.text(names[k]), .number(k < d ? trueWeights[k] : trueBias), .number(leastSquares[k]), .number(theta[k])]
            } + [[.text("σ = 1/√β"), .number(noise), .number(lsMSE.squareRoot()), .number(1 / betaML.squareRoot())]])

        let x = (1...steps).map(Double.init)
        let figure = Figure(
            description: "Left: the learned noise scale 1/√β per step against the true σ and the least-squares residual. Right: the largest gap between likelihood and least-squares weights, log scale.",
            size: Size(width: 720, height: 340), columns: 2, panels: [
                Panel(title: "noise scale", x: Axis("gradient step"), y: Axis("σ estimate = 1/√β"), layers: [
                    .line(Series("1/√β (likelihood fit)", x: x, y: sigma, style: 1)),
                    .reference(ReferenceLine(.horizontal(y: lsMSE.squareRoot()), label: "√MSE of least squares ≈ true σ")),
                ]),
                Panel(title: "weights", x: Axis("gradient step"), y: Axis("max |θ_ML − θ_LS|", scale: .log), layers: [
                    .line(Series("largest weight gap", x: x, y: gap, style: 2)),
                ]),
            ])
        return ExperimentResult(
            values: [
                "ls-w1": leastSquares[0], "ls-w2": leastSquares[1], "ls-b": leastSquares[d],
                "ml-w1": theta[0], "ml-w2": theta[1], "ml-b": theta[d],
                "max-weight-gap": gap.last!, "beta-ml": betaML, "beta-true": 1 / (noise * noise),
                "sigma-ml": 1 / betaML.squareRoot(), "ls-mse": lsMSE, "ml-mse": mlMSE, "inverse-beta-ml": 1 / betaML,
                "final-nll": nll.last!, "examples": Double(count), "noise": noise, "steps": Double(steps),
                "learning-rate": learningRate, "seed": Double(seed), "true-w1": trueWeights[0], "true-w2": trueWeights[1],
                "true-b": trueBias,
            ],
            tables: ["estimates": table], figures: ["trace": figure])
    }

    /// Solves the normal equations [X 1]ᵀ[X 1]θ = [X 1]ᵀt by Gaussian elimination with partial pivoting.
    static func leastSquares(_ data: LinearRegressionData) -> [Double] {
        let n = data.features.shape[0], d = data.features.shape[1], m = d + 1
        var a = [[Double]](repeating: [Double](repeating: 0, count: m + 1), count: m)
        for r in 0..<n {
            let row = Array(data.features.scalars[(r * d)..<(r * d + d)]) + [1]
            for i in 0..<m {
                for j in 0..<m { a[i][j] += row[i] * row[j] }
                a[i][m] += row[i] * data.targets.scalars[r]
            }
        }
        for col in 0..<m {
            let pivot = (col..<m).max { Swift.abs(a[$0][col]) < Swift.abs(a[$1][col]) }!
            a.swapAt(col, pivot)
            for r in 0..<m where r != col {
                let f = a[r][col] / a[col][col]
                for c in col...m { a[r][c] -= f * a[col][c] }
            }
        }
        return (0..<m).map { a[$0][m] / a[$0][$0] }
    }
}
