/// A grid coloured by a colormap: images, segmentation maps, loss surfaces.
public struct Heatmap: Sendable, Equatable, Codable {
    public var name: String
    public var grid: Grid
    public var colormap: Colormap
    /// The values mapped to the ends of the colormap; `nil` uses the data range
    /// (symmetric about the centre for diverging maps).
    public var valueRange: ClosedRange<Double>?
    /// The colour bar's label; `nil` draws no colour bar (image grids).
    public var colorBar: String?

    public init(_ name: String, grid: Grid, colormap: Colormap = .viridis, valueRange: ClosedRange<Double>? = nil, colorBar: String? = nil) {
        self.name = name
        self.grid = grid
        self.colormap = colormap
        self.valueRange = valueRange
        self.colorBar = colorBar
    }

    /// The value range the colours span.
    var resolvedRange: ClosedRange<Double> {
        if let valueRange { return valueRange }
        if case .categorical(let labels) = colormap { return 0...Double(max(labels.count - 1, 1)) }
        let data = grid.finiteRange ?? 0...1
        if case .diverging(let center) = colormap {
            let half = max(abs(data.lowerBound - center), abs(data.upperBound - center), 1e-300)
            return (center - half)...(center + half)
        }
        return data.lowerBound < data.upperBound ? data : (data.lowerBound - 0.5)...(data.upperBound + 0.5)
    }
}
