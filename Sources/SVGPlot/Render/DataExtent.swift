import Foundation

/// The data interval an axis must show, and which of its ends may be padded.
///
/// Lines and points get a little air at the ends; bar baselines and grid
/// extents are "hard" ends and are shown exactly.
struct DataExtent: Sendable, Equatable {
    var soft: ClosedRange<Double>?
    var hard: ClosedRange<Double>?

    mutating func add(_ value: Double, hard isHard: Bool = false, scale: Axis.Scale) {
        guard value.isFinite, scale == .linear || value > 0 else { return }
        if isHard {
            hard = hard.map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
        } else {
            soft = soft.map { min($0.lowerBound, value)...max($0.upperBound, value) } ?? value...value
        }
    }

    mutating func add(_ values: [Double], hard: Bool = false, scale: Axis.Scale) {
        for v in values { add(v, hard: hard, scale: scale) }
    }

    mutating func merge(_ other: DataExtent) {
        for r in [other.soft].compactMap({ $0 }) { soft = soft.map { min($0.lowerBound, r.lowerBound)...max($0.upperBound, r.upperBound) } ?? r }
        for r in [other.hard].compactMap({ $0 }) { hard = hard.map { min($0.lowerBound, r.lowerBound)...max($0.upperBound, r.upperBound) } ?? r }
    }

    /// The interval to draw: padded by 4% of the span at soft ends, never empty.
    func resolved(scale: Axis.Scale) -> ClosedRange<Double> {
        let all = [soft, hard].compactMap { $0 }
        guard !all.isEmpty else { return scale == .log ? 1...10 : 0...1 }
        var lower = all.map(\.lowerBound).min()!, upper = all.map(\.upperBound).max()!
        let padLower = hard.map { lower < $0.lowerBound } ?? true
        let padUpper = hard.map { upper > $0.upperBound } ?? true
        switch scale {
        case .linear:
            if upper == lower {
                let half = lower == 0 ? 1 : abs(lower) * 0.1
                return (lower - half)...(upper + half)
            }
            let pad = (upper - lower) * 0.04
            if padLower { lower -= pad }
            if padUpper { upper += pad }
        case .log:
            if upper == lower { return (lower / 2)...(upper * 2) }
            let pad = Foundation.pow(10, (log10(upper) - log10(lower)) * 0.04)
            if padLower { lower /= pad }
            if padUpper { upper *= pad }
        }
        // Padding can under- or overflow at the ends of the Double range; fall back to something drawable.
        guard lower <= upper, scale == .linear || lower > 0 else { return scale == .log ? 1...10 : 0...1 }
        return lower...upper
    }

    /// The extents of a panel's data on both axes.
    static func of(_ panel: Panel) -> (x: DataExtent, y: DataExtent) {
        var x = DataExtent(), y = DataExtent()
        let sx = panel.x.scale, sy = panel.y.scale
        for layer in panel.layers {
            switch layer {
            case .line(let s), .scatter(let s):
                // A point only counts if both coordinates can be drawn.
                for (a, b) in zip(s.x, s.y) where a.isFinite && b.isFinite && (sx == .linear || a > 0) && (sy == .linear || b > 0) {
                    x.add(a, scale: sx)
                    y.add(b, scale: sy)
                }
            case .bars(let bars):
                x.add(bars.left, hard: true, scale: sx)
                x.add(bars.right, hard: true, scale: sx)
                y.add(bars.height, scale: sy)
                y.add(0, hard: true, scale: sy)
            case .groupedBars(let bars):
                x.add([-0.5, Double(bars.categories.count) - 0.5], hard: true, scale: .linear)
                for group in bars.groups { y.add(group.values, scale: sy) }
                y.add(0, hard: true, scale: sy)
            case .heatmap(let h):
                x.add([h.grid.x.lowerBound, h.grid.x.upperBound], hard: true, scale: sx)
                y.add([h.grid.y.lowerBound, h.grid.y.upperBound], hard: true, scale: sy)
            case .contours(let c):
                x.add([c.grid.x.lowerBound, c.grid.x.upperBound], hard: true, scale: sx)
                y.add([c.grid.y.lowerBound, c.grid.y.upperBound], hard: true, scale: sy)
            case .band(let b):
                x.add(b.x, scale: sx)
                y.add(b.lower, scale: sy)
                y.add(b.upper, scale: sy)
            case .reference(let r):
                switch r.kind {
                case .horizontal(let v): y.add(v, scale: sy)
                case .vertical(let v): x.add(v, scale: sx)
                case .sloped: break
                }
            case .annotation(let a):
                x.add(a.x, scale: sx)
                y.add(a.y, scale: sy)
                if let t = a.arrowTo {
                    x.add(t.x, scale: sx)
                    y.add(t.y, scale: sy)
                }
            case .span: break
            }
        }
        return (x, y)
    }
}
