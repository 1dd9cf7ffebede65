/// One plot area: axes and the layers drawn in it, in order (later on top).
public struct Panel: Sendable, Equatable, Codable {
    /// Where the legend goes.
    public enum Legend: Sendable, Equatable, Codable {
        /// Inside, in the corner that covers no data; above the plot if every corner does.
        case automatic
        /// Always above the plot area.
        case outside
        case hidden
    }

    public var title: String?
    public var x: Axis
    public var y: Axis
    public var layers: [Layer]
    public var legend: Legend
    /// One data unit has the same length on both axes (images, loss surfaces).
    public var equalAspect: Bool
    /// Horizontal and vertical grid lines at the ticks.
    public var showsGrid: Bool

    public init(
        title: String? = nil, x: Axis = Axis(), y: Axis = Axis(), legend: Legend = .automatic,
        equalAspect: Bool = false, showsGrid: Bool = true, layers: [Layer]
    ) {
        self.title = title
        self.x = x
        self.y = y
        self.layers = layers
        self.legend = legend
        self.equalAspect = equalAspect
        self.showsGrid = showsGrid
    }

    func validate(figure: String) throws {
        for layer in layers { try layer.validate(figure: figure) }
        if x.limits.map({ !($0.lowerBound < $0.upperBound) || !$0.lowerBound.isFinite || !$0.upperBound.isFinite }) == true
            || y.limits.map({ !($0.lowerBound < $0.upperBound) || !$0.lowerBound.isFinite || !$0.upperBound.isFinite }) == true
        {
            throw PlotError.invalidSetting(figure: figure, message: "axis limits must be finite with lower < upper")
        }
        let hasGrid = layers.contains { if case .heatmap = $0 { true } else if case .contours = $0 { true } else { false } }
        if hasGrid && (x.scale == .log || y.scale == .log) {
            throw PlotError.invalidSetting(figure: figure, message: "heatmaps and contours need linear axes (their cells are evenly spaced)")
        }
        for (axis, name) in [(x, "x"), (y, "y")] where axis.scale == .log {
            if let limits = axis.limits, limits.lowerBound <= 0 {
                throw PlotError.invalidSetting(figure: figure, message: "log \(name) axis needs positive limits")
            }
        }
    }
}
