/// Paired x and y values with a name for the legend, tooltip and CSV column.
public struct Series: Sendable, Equatable, Codable {
    public var name: String
    public var x: [Double]
    public var y: [Double]
    /// Palette slot 1…8 (colour, dash and marker); `nil` takes the next free slot.
    public var style: Int?

    public init(_ name: String, x: [Double], y: [Double], style: Int? = nil) {
        self.name = name
        self.x = x
        self.y = y
        self.style = style
    }

    /// y values at x = 0, 1, 2, … (for example a loss per epoch).
    public init(_ name: String, y: [Double], style: Int? = nil) {
        self.init(name, x: y.indices.map(Double.init), y: y, style: style)
    }

    func validate(figure: String) throws {
        if x.isEmpty && y.isEmpty { throw PlotError.emptySeries(figure: figure, series: name) }
        if x.count != y.count {
            throw PlotError.lengthMismatch(figure: figure, series: name, what: "y values", expected: x.count, actual: y.count)
        }
        if let style, !(1...Palette.count).contains(style) {
            throw PlotError.invalidSetting(figure: figure, message: "series '\(name)': style must be 1…\(Palette.count), got \(style)")
        }
    }
}
