import RealModule
import LossKit

/// Relative tolerance used against PyTorch: 1e-9 in Double, 1e-5 in Float.
func referenceTolerance<S: BinaryFloatingPoint>(_: S.Type) -> Double {
    S.self == Float.self ? 1e-5 : 1e-9
}

/// The first index where `actual` and `expected` disagree, or nil.
///
/// Each element must satisfy |a − e| ≤ rtol·(|e| + max|expected|): relative
/// to the element and to the array's scale, because an entry like p − 1 with
/// p ≈ 1 carries the rounding of its larger neighbours in any implementation.
/// NaN must meet NaN and infinities must match exactly.
func firstMismatch(_ actual: [Double], _ expected: [Double], rtol: Double) -> Int? {
    guard actual.count == expected.count else { return -1 }
    let scale = expected.filter(\.isFinite).map(abs).max() ?? 0
    for k in expected.indices {
        let a = actual[k], e = expected[k]
        if e.isNaN || a.isNaN {
            if e.isNaN && a.isNaN { continue }
            return k
        }
        if e.isInfinite || a.isInfinite {
            if a == e { continue }
            return k
        }
        if abs(a - e) > rtol * (abs(e) + scale) { return k }
    }
    return nil
}

/// Central difference of `f` at `x` along coordinate `k`.
func centralDifference(_ f: ([Double]) -> Double, at x: [Double], coordinate k: Int, step h: Double = 1e-6) -> Double {
    var plus = x, minus = x
    plus[k] += h
    minus[k] -= h
    return (f(plus) - f(minus)) / (2 * h)
}

/// Whether `analytic` matches central differences of `f` at `x` everywhere, to `tolerance` relative to scale.
func matchesFiniteDifferences(_ f: ([Double]) -> Double, at x: [Double], analytic: [Double],
                              tolerance: Double = 1e-6) -> Bool {
    let numeric = x.indices.map { centralDifference(f, at: x, coordinate: $0) }
    let scale = max(1, numeric.map(abs).max() ?? 0)
    return zip(numeric, analytic).allSatisfy { abs($0 - $1) <= tolerance * scale }
}

/// The element types LossKit's tensors accept, for generic test bodies run in Float and Double.
typealias TestScalar = Real & BinaryFloatingPoint & Sendable
