/// Bars on a numeric axis: bar `i` spans `left[i]…right[i]` and rises from 0 to `height[i]`.
public struct Bars: Sendable, Equatable, Codable {
    public var name: String
    public var left: [Double]
    public var right: [Double]
    public var height: [Double]
    /// Palette slot 1…8; `nil` takes the next free slot.
    public var style: Int?
    /// Overlapping bar sets (two histograms) are drawn translucent with a step outline.
    public var isTranslucent: Bool

    public init(_ name: String, left: [Double], right: [Double], height: [Double], style: Int? = nil, isTranslucent: Bool = false) {
        self.name = name
        self.left = left
        self.right = right
        self.height = height
        self.style = style
        self.isTranslucent = isTranslucent
    }

    func validate(figure: String) throws {
        if height.isEmpty { throw PlotError.emptySeries(figure: figure, series: name) }
        if left.count != height.count {
            throw PlotError.lengthMismatch(figure: figure, series: name, what: "bar heights", expected: left.count, actual: height.count)
        }
        if right.count != left.count {
            throw PlotError.lengthMismatch(figure: figure, series: name, what: "right edges", expected: left.count, actual: right.count)
        }
    }
}
