/// Raw values counted into equal-width bins.
public struct Histogram: Sendable, Equatable, Codable {
    public var name: String
    public var values: [Double]
    public var binCount: Int
    /// The binned interval; `nil` uses the finite minimum and maximum of `values`.
    public var range: ClosedRange<Double>?
    /// Divide counts by `values.count` (fractions instead of counts).
    public var normalized: Bool
    public var style: Int?

    public init(_ name: String, values: [Double], binCount: Int = 20, range: ClosedRange<Double>? = nil, normalized: Bool = false, style: Int? = nil) {
        self.name = name
        self.values = values
        self.binCount = binCount
        self.range = range
        self.normalized = normalized
        self.style = style
    }

    /// The bin edges and counts; non-finite values and values outside `range` are not counted.
    public var bars: Bars {
        let finite = values.filter(\.isFinite)
        let bins = max(binCount, 1)
        var lower = range?.lowerBound ?? finite.min() ?? 0
        var upper = range?.upperBound ?? finite.max() ?? 1
        if !(upper > lower) { lower -= 0.5; upper += 0.5 }
        let width = (upper - lower) / Double(bins)
        var counts = [Double](repeating: 0, count: finite.isEmpty && values.isEmpty ? 0 : bins)
        for value in finite where value >= lower && value <= upper {
            // A span beyond Double's range makes the position non-finite: such a value cannot be binned.
            let position = (value - lower) / width
            guard position.isFinite else { continue }
            counts[min(max(Int(position), 0), bins - 1)] += 1
        }
        if normalized, !values.isEmpty { counts = counts.map { $0 / Double(values.count) } }
        let left = counts.indices.map { lower + Double($0) * width }
        let right = counts.indices.map { $0 == bins - 1 ? upper : lower + Double($0 + 1) * width }
        return Bars(name, left: left, right: right, height: counts, style: style, isTranslucent: true)
    }
}
