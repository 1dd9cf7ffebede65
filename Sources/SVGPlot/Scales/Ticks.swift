import Foundation

/// Nice tick values: 1-2-5 steps on linear axes, decades on log axes.
public enum Ticks {
    /// The 1-2-5 step nearest to `(upper − lower) / target` from above or below.
    public static func niceStep(_ lower: Double, _ upper: Double, target: Int) -> Double {
        let span = upper - lower
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(target, 1))
        let magnitude = pow10(Int((log10(raw)).rounded(.down)))
        let normalized = raw / magnitude
        let nice: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        return nice * magnitude
    }

    /// About `target` values `k · step` inside `[lower, upper]`, with a 1-2-5 step.
    public static func linear(_ lower: Double, _ upper: Double, target: Int) -> [Double] {
        linear(lower, upper, step: niceStep(lower, upper, target: target))
    }

    /// The multiples of `step` inside `[lower, upper]` (a hair of tolerance at the ends).
    public static func linear(_ lower: Double, _ upper: Double, step: Double) -> [Double] {
        guard upper > lower, step > 0, lower.isFinite, upper.isFinite else { return [] }
        let tolerance = step * 1e-9
        let first = ((lower - tolerance) / step).rounded(.up)
        let last = ((upper + tolerance) / step).rounded(.down)
        guard last >= first, last - first < 10_000 else { return [] }
        return stride(from: first, through: last, by: 1).map { k in
            // Multiply an integer by the step instead of accumulating, then trim float noise.
            let value = k * step
            return value == 0 ? 0 : Double(NumberFormat.shortest(value, significant: 12)) ?? value
        }
    }

    /// Tick values for a log axis over `[lower, upper]` (both > 0).
    ///
    /// `major` are labelled: whole decades when the range spans at least two of
    /// them (every second or fifth decade when there are too many), otherwise
    /// 1-2-5 values per decade. `minor` are the unlabelled 2…9 × 10ᵏ marks.
    public static func log(_ lower: Double, _ upper: Double, maxLabels: Int = 8) -> (major: [Double], minor: [Double]) {
        guard lower > 0, upper > lower, lower.isFinite, upper.isFinite else { return ([], []) }
        let lo = log10(lower), hi = log10(upper)
        let tolerance = 1e-9
        let firstDecade = Int((lo - tolerance).rounded(.up)), lastDecade = Int((hi + tolerance).rounded(.down))
        let decadeCount = lastDecade - firstDecade + 1
        func inside(_ v: Double) -> Bool { v >= lower * (1 - tolerance) && v <= upper * (1 + tolerance) }
        if decadeCount >= 2 {
            let decades = Array(firstDecade...lastDecade)
            let every = [1, 2, 3, 5, 10, 20, 50, 100].first { k in decades.filter { $0 % k == 0 }.count <= max(maxLabels, 2) } ?? 100
            let major = decades.filter { $0 % every == 0 }.map(pow10)
            var minor: [Double] = []
            if every == 1, decadeCount <= 8 {
                for k in (firstDecade - 1)...lastDecade {
                    for m in 2...9 where inside(Double(m) * pow10(k)) { minor.append(Double(m) * pow10(k)) }
                }
            } else {
                minor = (firstDecade...lastDecade).filter { $0 % every != 0 }.map(pow10)
            }
            return (major, minor)
        }
        var major: [Double] = []
        for k in (Int(lo.rounded(.down)) - 1)...(Int(hi.rounded(.up))) {
            for m in [1.0, 2, 5] where inside(m * pow10(k)) { major.append(m * pow10(k)) }
        }
        if major.count >= 2 { return (major, []) }
        return (linear(lower, upper, target: 4).filter { $0 > 0 }, [])
    }

    /// 10ᵏ, exact for every integer k a Double can hold.
    static func pow10(_ k: Int) -> Double {
        Double("1e\(k)") ?? .nan
    }
}
