import Foundation

/// Maps data values on one axis to SVG pixels.
struct AxisMap: Sendable {
    var scale: Axis.Scale
    /// The data interval shown (in data units, not logarithms).
    var lower: Double
    var upper: Double
    /// The pixel positions of `lower` and `upper` (for y, `from` is the bottom).
    var from: Double
    var to: Double

    /// The position of `value`, or `nil` when it cannot be drawn (NaN, ±∞, ≤ 0 on a log axis).
    func callAsFunction(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let t: Double
        switch scale {
        case .linear:
            t = (value - lower) / (upper - lower)
        case .log:
            guard value > 0 else { return nil }
            t = (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
        }
        return from + t * (to - from)
    }

    /// The position of `value`, clamped into the axis (for bars reaching below a log axis).
    func clamped(_ value: Double) -> Double {
        if let p = self(value) { return min(max(p, min(from, to)), max(from, to)) }
        if scale == .log, value.isFinite || value < 0 { return from }
        return value > 0 ? to : from
    }

    func contains(_ value: Double) -> Bool {
        value >= min(lower, upper) && value <= max(lower, upper)
    }
}
