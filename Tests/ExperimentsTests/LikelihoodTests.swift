import LossKit
import Testing
@testable import Experiments

/// The likelihood chapter's claims, checked on the experiments themselves.
@Suite struct LikelihoodTests {
    @Test func maximumLikelihoodGivesTheLeastSquaresWeights() throws {
        let result = try GaussianLikelihoodFit().run().values
        for name in ["w1", "w2", "b"] {
            let ls = try #require(result["ls-\(name)"]), ml = try #require(result["ml-\(name)"])
            #expect(abs(ls - ml) < 1e-6, "\(name): least squares \(ls), likelihood \(ml)")
        }
        // 1/β_ML is the mean squared residual of the fit.
        #expect(abs(try #require(result["inverse-beta-ml"]) - result["ls-mse"]!) < 1e-9)
        // ...and estimates the true noise precision within 10% on 100 points.
        #expect(abs(result["beta-ml"]! / result["beta-true"]! - 1) < 0.1)
    }

    @Test func leastSquaresSolvesTheNormalEquations() {
        var generator = SeededGenerator(seed: 1)
        let data = LinearRegressionData(count: 4, weights: [1, 2], bias: 0, noiseStandardDeviation: 0, generator: &generator)
        let solution = GaussianLikelihoodFit.leastSquares(data)
        #expect(zip(solution, [1.0, 2.0, 0.0]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func toyVectorsRankPredictionsTheSameWay() throws {
        let table = try #require(ToyVectorLosses().run().tables["per-element"])
        func column(_ k: Int) -> [Double] {
            table.rows.dropLast().map { if case .number(let v) = $0[k] { v } else { .nan } }
        }
        // Both losses grow with the distance from the target: for y = 0 both increase with p.
        for k in [1, 2] { #expect(zip(column(k), column(k).dropFirst()).allSatisfy { $0 < $1 }) }
        for k in [3, 4] { #expect(zip(column(k), column(k).dropFirst()).allSatisfy { $0 > $1 }) }
    }

    @Test func logitGradientsMatchTheClosedForms() {
        for p in [0.01, 0.2, 0.5, 0.9] {
            for y in [0.0, 1.0] {
                let g = LogitGradients.gradients(p: p, y: y)
                #expect(abs(g.ce - (p - y)) < 1e-9)
                #expect(abs(g.mse - 2 * (p - y) * p * (1 - p)) < 1e-9)
            }
        }
    }

    @Test func crossEntropyRecoversFromASaturatedStartAndMSEIsSlower() throws {
        let values = try SaturatedStart().run().values
        #expect(values["ce-reached"] == 1)
        #expect(values["ce-steps"]! < values["mse-steps"]!)
        #expect(values["ce-final-ce"]! < values["mse-final-ce"]!)
    }
}
