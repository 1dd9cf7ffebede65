/// A filled area between `lower` and `upper` over `x` (an interval, a spread, a region).
public struct Band: Sendable, Equatable, Codable {
    public var name: String
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var style: Int?

    public init(_ name: String, x: [Double], lower: [Double], upper: [Double], style: Int? = nil) {
        self.name = name
        self.x = x
        self.lower = lower
        self.upper = upper
        self.style = style
    }

    func validate(figure: String) throws {
        if x.isEmpty { throw PlotError.emptySeries(figure: figure, series: name) }
        if lower.count != x.count {
            throw PlotError.lengthMismatch(figure: figure, series: name, what: "lower values", expected: x.count, actual: lower.count)
        }
        if upper.count != x.count {
            throw PlotError.lengthMismatch(figure: figure, series: name, what: "upper values", expected: x.count, actual: upper.count)
        }
    }
}
