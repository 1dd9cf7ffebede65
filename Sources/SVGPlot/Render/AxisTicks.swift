import Foundation

/// The ticks one axis draws: labelled majors and unlabelled minors.
struct AxisTicks: Sendable {
    struct Tick: Sendable {
        var value: Double
        var label: String
    }

    var major: [Tick] = []
    var minor: [Double] = []

    static let fontSize = 11.5
    /// The smallest gap between neighbouring horizontal tick labels.
    static let labelGap = 10.0

    /// Ticks for a numeric axis of `length` pixels; horizontal axes thin their
    /// ticks until no two labels overlap.
    static func numeric(scale: Axis.Scale, lower: Double, upper: Double, length: Double, horizontal: Bool) -> AxisTicks {
        switch scale {
        case .linear:
            var target = max(2, Int(length / (horizontal ? 80 : 48)))
            while true {
                let step = Ticks.niceStep(lower, upper, target: target)
                let values = Ticks.linear(lower, upper, step: step)
                let ticks = AxisTicks(major: values.map { Tick(value: $0, label: NumberFormat.tick($0, step: step)) })
                let fits = horizontal
                    ? ticks.labelsFit(lower: lower, upper: upper, length: length, scale: scale)
                    : length / Double(max(values.count - 1, 1)) >= fontSize * 1.6
                if fits { return ticks }
                if target <= 2 { return ticks.thinnedLabels(lower: lower, upper: upper, length: length, scale: scale) }
                target -= 1
            }
        case .log:
            var maxLabels = max(2, Int(length / (horizontal ? 56 : 24)))
            while true {
                let (major, minor) = Ticks.log(lower, upper, maxLabels: maxLabels)
                let decades = major.allSatisfy { m in Ticks.pow10(Int(log10(m).rounded())) == m }
                let step = zip(major, major.dropFirst()).map { $1 - $0 }.min() ?? 1
                let ticks = AxisTicks(
                    major: major.map { Tick(value: $0, label: decades ? NumberFormat.decade($0) : NumberFormat.tick($0, step: min(step, $0))) },
                    minor: minor)
                if !horizontal || ticks.labelsFit(lower: lower, upper: upper, length: length, scale: scale) { return ticks }
                if maxLabels <= 2 { return ticks.thinnedLabels(lower: lower, upper: upper, length: length, scale: scale) }
                maxLabels -= 1
            }
        }
    }

    /// Category names at 0, 1, 2, … (grouped bars).
    static func categorical(_ names: [String]) -> AxisTicks {
        AxisTicks(major: names.enumerated().map { Tick(value: Double($0.offset), label: $0.element) })
    }

    /// Whether horizontal labels at their positions keep `labelGap` apart.
    func labelsFit(lower: Double, upper: Double, length: Double, scale: Axis.Scale) -> Bool {
        let map = AxisMap(scale: scale, lower: lower, upper: upper, from: 0, to: length)
        var previousEnd = -Double.infinity
        for tick in major {
            guard let p = map(tick.value) else { continue }
            let half = TextMetrics.width(tick.label, fontSize: AxisTicks.fontSize) / 2
            if p - half < previousEnd + AxisTicks.labelGap { return false }
            previousEnd = p + half
        }
        return true
    }

    /// For very narrow axes: keep every second (third, …) label and turn the
    /// rest into unlabelled minor ticks until the labels fit.
    func thinnedLabels(lower: Double, upper: Double, length: Double, scale: Axis.Scale) -> AxisTicks {
        for every in 2...max(2, major.count) {
            let kept = AxisTicks(
                major: major.enumerated().filter { $0.offset % every == 0 }.map(\.element),
                minor: minor + major.enumerated().filter { $0.offset % every != 0 }.map(\.element.value))
            if kept.labelsFit(lower: lower, upper: upper, length: length, scale: scale) { return kept }
        }
        return AxisTicks(major: Array(major.prefix(1)), minor: minor + major.dropFirst().map(\.value))
    }

    /// The widest label in pixels.
    var maxLabelWidth: Double {
        major.map { TextMetrics.width($0.label, fontSize: AxisTicks.fontSize) }.max() ?? 0
    }
}
