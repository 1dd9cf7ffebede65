/// A shaded interval of one axis across the whole panel, such as "second derivative < 0".
public struct Span: Sendable, Equatable, Codable {
    public enum Direction: Sendable, Equatable, Codable {
        /// `from…to` on the x axis, full height.
        case x
        /// `from…to` on the y axis, full width.
        case y
    }

    public var direction: Direction
    public var from: Double
    public var to: Double
    /// Shown in the legend and as a tooltip.
    public var label: String?

    public init(_ direction: Direction, from: Double, to: Double, label: String? = nil) {
        self.direction = direction
        self.from = from
        self.to = to
        self.label = label
    }

    /// The maximal runs of x where `predicate(y)` holds, as x spans, e.g. where a
    /// sampled second derivative is negative. Each run reaches halfway to the
    /// neighbouring samples so adjacent runs meet.
    /// Throws `PlotError.lengthMismatch` unless there is one flag per x value.
    public static func regions(x: [Double], where holds: [Bool], label: String? = nil) throws -> [Span] {
        if x.count != holds.count {
            throw PlotError.lengthMismatch(figure: "", series: label ?? "region", what: "flags", expected: x.count, actual: holds.count)
        }
        var spans: [Span] = []
        var start: Int?
        func edge(_ i: Int, _ j: Int) -> Double { (x[i] + x[j]) / 2 }
        for i in x.indices {
            if holds[i], start == nil { start = i }
            if let s = start, !holds[i] || i == x.count - 1 {
                let end = holds[i] ? i : i - 1
                let lo = s == 0 ? x[0] : edge(s - 1, s)
                let hi = end == x.count - 1 ? x[end] : edge(end, end + 1)
                spans.append(Span(.x, from: lo, to: hi, label: label))
                start = nil
            }
        }
        return spans
    }
}
