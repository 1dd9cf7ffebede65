import ExperimentKit
import LossKit

/// One sigmoid unit p = σ(w·x + b) on a small 1-D data set, with the mean MSE
/// and mean cross-entropy, their gradients and their 2×2 Hessians in (w, b).
///
/// Written with scalars rather than tensors because the chapter evaluates it
/// hundreds of thousands of times (surfaces, many gradient-descent runs); the
/// tests check the values against LossKit's `MeanSquaredErrorLoss` and
/// `BinaryCrossEntropyWithLogitsLoss` and the derivatives against finite differences.
struct SigmoidUnitProblem: Sendable {
    enum Loss: Sendable, CaseIterable { case mse, crossEntropy }

    let x: [Double]
    let y: [Double]

    /// `perClass` points per class, class 0 around −`separation`/2 and class 1 around +`separation`/2, σ = 1.
    init(perClass: Int, separation: Double, seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        var x: [Double] = [], y: [Double] = []
        for label in 0..<2 {
            for _ in 0..<perClass {
                x.append(generator.normal(mean: (Double(label) - 0.5) * separation, standardDeviation: 1))
                y.append(Double(label))
            }
        }
        self.x = x
        self.y = y
    }

    init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
    }

    /// Whether some class-0 point lies right of some class-1 point, so no threshold separates them
    /// and cross-entropy has a finite minimiser.
    var overlaps: Bool {
        let zeros = zip(x, y).filter { $0.1 == 0 }.map(\.0), ones = zip(x, y).filter { $0.1 == 1 }.map(\.0)
        return zeros.max()! > ones.min()!
    }

    func value(_ loss: Loss, w: Double, b: Double) -> Double {
        var total = 0.0
        for n in x.indices {
            let z = w * x[n] + b
            switch loss {
            case .mse:
                let d = sigmoid(z) - y[n]
                total += d * d
            case .crossEntropy:
                total += (1 - y[n]) * z - logSigmoid(z)
            }
        }
        return total / Double(x.count)
    }

    // region: hessian
    typealias Gradient = (w: Double, b: Double)
    typealias Hessian = (ww: Double, wb: Double, bb: Double)

    /// ∂J/∂(w, b) and the Hessian [[J_ww, J_wb], [J_wb, J_bb]]: each example
    /// adds ℓ′(z)·(x, 1) and ℓ″(z)·(x, 1)(x, 1)ᵀ, where z = w·x + b.
    func derivatives(_ loss: Loss, w: Double, b: Double)
        -> (gradient: Gradient, hessian: Hessian) {
        var g: Gradient = (0, 0), h: Hessian = (0, 0, 0)
        for n in x.indices {
            let p = sigmoid(w * x[n] + b), s = p * (1 - p)
            let first: Double, second: Double
            switch loss {
            case .crossEntropy:
                first = p - y[n]
                // Never negative: the Hessian is XᵀSX.
                second = s
            case .mse:
                first = 2 * (p - y[n]) * s
                // Negative when p is far enough on the wrong side.
                second = 2 * s * s + 2 * (p - y[n]) * s * (1 - 2 * p)
            }
            g.w += first * x[n]; g.b += first
            h.ww += second * x[n] * x[n]; h.wb += second * x[n]; h.bb += second
        }
        let m = Double(x.count)
        return ((g.w / m, g.b / m), (h.ww / m, h.wb / m, h.bb / m))
    }

    /// The smaller eigenvalue of the symmetric 2×2 Hessian:
    /// negative means J curves down in some direction.
    func minimumEigenvalue(_ loss: Loss, w: Double, b: Double) -> Double {
        let h = derivatives(loss, w: w, b: b).hessian
        let mean = (h.ww + h.bb) / 2, half = (h.ww - h.bb) / 2
        return mean - (half * half + h.wb * h.wb).squareRoot()
    }
    // endregion

    /// ∂²J/∂w² by a central second difference with step `h`, as the figures show it (independent of the closed form).
    func numericSecondDerivative(_ loss: Loss, w: Double, b: Double, step h: Double) -> Double {
        (value(loss, w: w + h, b: b) - 2 * value(loss, w: w, b: b) + value(loss, w: w - h, b: b)) / (h * h)
    }

    /// `points` evenly spaced values from `range.lowerBound` to `range.upperBound`, both included.
    static func sweep(_ range: ClosedRange<Double>, points: Int) -> [Double] {
        (0..<points).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(points - 1) }
    }

    /// Plain gradient descent from (w, b) for `steps` steps; returns the end point.
    func descend(_ loss: Loss, w: Double, b: Double, learningRate: Double, steps: Int) -> (w: Double, b: Double) {
        var (w, b) = (w, b)
        for _ in 0..<steps {
            let g = derivatives(loss, w: w, b: b).gradient
            w -= learningRate * g.w
            b -= learningRate * g.b
        }
        return (w, b)
    }
}

extension SigmoidUnitProblem {
    /// The chapter's data set as its experiments show it: six points per class, centres ±1, seed 3.
    struct ChapterData: ParameterGroup {
        @Param("points per class") var perClass = 6
        @Param("class centres", shown: { "x = ±\($0 / 2), σ = 1" }) var separation = 2.0
        @Param("data seed") var seed = 3

        var problem: SigmoidUnitProblem { SigmoidUnitProblem(perClass: perClass, separation: separation, seed: seed) }
    }
}
