import LossKit
import RealModule

/// Helpers for chapter 4's experiments: threshold-free ranking scores and a
/// logistic regression fitted to convergence by Newton's method.
enum LossCurvesHelpers {
    /// The precision of the ranking by `scores` cut exactly at its `positives`-th positive
    /// (0 when nothing is taken): the precision a threshold reaches when lowered just far
    /// enough to recall that many positives.
    static func precisionAtPositive(scores: [Double], targets: [Double], positives: Double) -> Double {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var found = 0.0, taken = 0.0
        for i in order where found < positives { taken += 1; found += targets[i] }
        return taken > 0 ? found / taken : 0
    }

    /// Average precision of `scores` for 0/1 `targets`: the mean, over the
    /// positives, of the precision among the examples ranked at or above each
    /// positive (scikit-learn's `average_precision_score`, which does not
    /// interpolate). Equal scores are ranked positives last, the pessimistic order.
    static func averagePrecision(scores: [Double], targets: [Double]) -> Double {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : targets[$0] < targets[$1] }
        var hits = 0.0, sum = 0.0
        for (rank, i) in order.enumerated() where targets[i] == 1 {
            hits += 1
            sum += hits / Double(rank + 1)
        }
        return hits > 0 ? sum / hits : 0
    }

    /// The expected average precision of a uniformly random ranking of `count` examples of which
    /// `positives` are positive. The positive at rank i (probability P/N) has, on average,
    /// (P − 1)(i − 1)/(N − 1) other positives above it, so E[AP] = (1/N)·Σᵢ (1 + (P − 1)(i − 1)/(N − 1))/i.
    /// It is the positive rate P/N only when P is large; with few positives it is clearly higher
    /// (6 of 400: about 0.029, not 0.015).
    static func randomRankingAP(positives: Int, count: Int) -> Double {
        guard positives > 0, count > 0 else { return 0 }
        guard count > 1 else { return 1 }
        let p = Double(positives), n = Double(count)
        var sum = 0.0
        for i in 1...count {
            let r = Double(i)
            sum += (1 + (p - 1) * (r - 1) / (n - 1)) / r
        }
        return sum / n
    }

    /// Area under the ROC curve: the probability that a random positive scores
    /// above a random negative, ties counted one half (Mann–Whitney).
    static func rocAUC(scores: [Double], targets: [Double]) -> Double {
        let positives = scores.indices.filter { targets[$0] == 1 }.map { scores[$0] }
        let negatives = scores.indices.filter { targets[$0] != 1 }.map { scores[$0] }.sorted()
        guard !positives.isEmpty, !negatives.isEmpty else { return 0.5 }
        var total = 0.0
        for s in positives {
            // Negatives strictly below s, and equal to s, by binary search.
            var lo = 0, hi = negatives.count
            while lo < hi { let mid = (lo + hi) / 2; if negatives[mid] < s { lo = mid + 1 } else { hi = mid } }
            var eq = lo
            while eq < negatives.count && negatives[eq] == s { eq += 1 }
            total += Double(lo) + 0.5 * Double(eq - lo)
        }
        return total / (Double(positives.count) * Double(negatives.count))
    }

    /// A logistic regression with intercept, fitted to convergence.
    struct LogisticFit {
        var intercept: Double
        var slopes: [Double]
        /// Largest |∂loss/∂θ| at the end (mean loss over examples).
        var gradientNorm: Double
        /// Whether the data are linearly separable, so that no finite minimiser exists and
        /// Newton's iterates only grow: the final θ classifies every example correctly
        /// (a certificate of separation), θ still moves when Newton's steps go on, or the loss could
        /// reach 0 within a distance of 1e4 by convexity (`distanceToZeroLoss`). A small gradient alone proves nothing here: on separable data
        /// it decays towards 0 while ‖θ‖ grows without bound.
        var separable: Bool
        /// ‖θ‖ at the end, the intercept included.
        var norm: Double { (intercept * intercept + slopes.map { $0 * $0 }.reduce(0, +)).squareRoot() }
        /// How far θ moved in the test steps after the fit.
        var movement: Double
        /// Test steps whose line search found no decrease although the gradient was above 1e-11.
        var stalledSteps: Int
        /// The mean loss at the fit.
        var loss: Double
        /// loss / ‖gradient‖₂: by convexity, how far θ would have to move for the loss to reach 0, its
        /// infimum on separable data. Huge for a finite minimiser, about 1/‖x‖ on separable data.
        var distanceToZeroLoss: Double { loss / (gradientNorm * Double(slopes.count + 1).squareRoot()) }
    }

    /// Minimises the mean of −w·y·log σ(z) − (1 − y)·log(1 − σ(z)), z = b + xᵀβ,
    /// by Newton's method with step halving, from zero. `x` is `[n][d]`.
    static func fitLogistic(x: [[Double]], y: [Double], positiveWeight w: Double = 1, iterations: Int = 30) -> LogisticFit {
        let n = x.count, d = x[0].count + 1
        var theta = [Double](repeating: 0, count: d)
        func row(_ i: Int) -> [Double] { [1] + x[i] }
        let rows = (0..<n).map(row)
        func loss(_ t: [Double]) -> Double {
            var s = 0.0
            for i in 0..<n {
                var z = 0.0
                for j in 0..<d { z += rows[i][j] * t[j] }
                // −w·y·log σ(z) − (1 − y)·log σ(−z), with log σ(z) = −softplus(−z).
                s += w * y[i] * softplus(-z) + (1 - y[i]) * softplus(z)
            }
            return s / Double(n)
        }
        var gradientNorm = Double.infinity
        var result = theta, resultGradient = Double.infinity, stopped = false, stalled = 0
        // The fit is θ after `iterations` Newton steps (or fewer, once the gradient is below 1e-12). The
        // steps go on for as many again, without that stop, only to test whether θ is still moving.
        for iteration in 0..<(2 * iterations) {
            if iteration == iterations && !stopped { result = theta; resultGradient = gradientNorm; stopped = true }
            var g = [Double](repeating: 0, count: d)
            var h = [Double](repeating: 0, count: d * d)
            for i in 0..<n {
                var z = 0.0
                for j in 0..<d { z += rows[i][j] * theta[j] }
                let p = 1 / (1 + Double.exp(-z))
                let c = w * y[i] + 1 - y[i]
                let r = c * p - w * y[i]          // ∂ℓ/∂z
                let curvature = c * p * (1 - p)   // ∂²ℓ/∂z²
                for j in 0..<d {
                    g[j] += r * rows[i][j]
                    let a = curvature * rows[i][j]
                    for k in j..<d { h[j * d + k] += a * rows[i][k] }
                }
            }
            for j in 0..<d {
                g[j] /= Double(n)
                for k in j..<d { h[j * d + k] /= Double(n); h[k * d + j] = h[j * d + k] }
            }
            gradientNorm = g.map { abs($0) }.max()!
            if gradientNorm < 1e-12 && !stopped { result = theta; resultGradient = gradientNorm; stopped = true }
            if gradientNorm == 0 { break }
            let step = solve(h, g, d)
            var scale = 1.0
            let current = loss(theta)
            var accepted = false
            while scale > 1e-6 {
                let candidate = zip(theta, step).map { $0 - scale * $1 }
                if loss(candidate) <= current { theta = candidate; accepted = true; break }
                scale /= 2
            }
            if !accepted && stopped && gradientNorm > 1e-11 { stalled += 1 }
        }
        if !stopped { result = theta; resultGradient = gradientNorm }
        func norm(_ t: [Double]) -> Double { t.map { $0 * $0 }.reduce(0, +).squareRoot() }
        let separates = (0..<n).allSatisfy { i in
            var z = 0.0
            for j in 0..<d { z += rows[i][j] * theta[j] }
            return y[i] == 1 ? z > 0 : z < 0
        }
        // A finite minimiser is reached to rounding within `iterations` Newton steps; on separable data θ
        // keeps growing by about as much with every further step.
        let movement = norm(zip(theta, result).map { $0 - $1 })
        let stillMoving = movement > 1e-3 * max(1, norm(result))
        let resultLoss = loss(result)
        let nearZeroLoss = resultLoss / (resultGradient * Double(d).squareRoot()) < 1e4
        return LogisticFit(intercept: result[0], slopes: Array(result[1...]), gradientNorm: resultGradient,
                           separable: separates || stillMoving || nearZeroLoss,
                           movement: movement, stalledSteps: stalled, loss: resultLoss)
    }

    static func softplus(_ z: Double) -> Double { z > 0 ? z + Double.log(1 + Double.exp(-z)) : Double.log(1 + Double.exp(z)) }

    /// Solves the symmetric system `a·s = b` (`a` row-major d × d) by Gaussian elimination with partial pivoting.
    static func solve(_ a: [Double], _ b: [Double], _ d: Int) -> [Double] {
        var m = a, v = b
        for c in 0..<d {
            let p = (c..<d).max { abs(m[$0 * d + c]) < abs(m[$1 * d + c]) }!
            if p != c {
                for k in 0..<d { m.swapAt(c * d + k, p * d + k) }
                v.swapAt(c, p)
            }
            let pivot = m[c * d + c]
            for r in (c + 1)..<d where m[r * d + c] != 0 {
                let f = m[r * d + c] / pivot
                for k in c..<d { m[r * d + k] -= f * m[c * d + k] }
                v[r] -= f * v[c]
            }
        }
        var s = [Double](repeating: 0, count: d)
        for r in stride(from: d - 1, through: 0, by: -1) {
            var t = v[r]
            for k in (r + 1)..<d { t -= m[r * d + k] * s[k] }
            s[r] = t / m[r * d + r]
        }
        return s
    }
}
