/// Something drawn in a panel. Layers are drawn in order, later ones on top.
public enum Layer: Sendable, Equatable, Codable {
    /// A polyline; NaN and ±∞ break it into segments.
    case line(Series)
    /// One marker per point.
    case scatter(Series)
    /// Bars on a numeric x axis (histograms, reliability diagrams).
    case bars(Bars)
    /// Bars per category, one bar per group side by side.
    case groupedBars(GroupedBars)
    /// A grid of values coloured by a colormap, with an optional colour bar.
    case heatmap(Heatmap)
    /// Iso-lines of a grid (marching squares), labelled with their level.
    case contours(Contours)
    /// A filled area between a lower and an upper curve.
    case band(Band)
    /// A shaded interval of x or y across the whole panel.
    case span(Span)
    /// A horizontal, vertical or sloped straight line across the panel.
    case reference(ReferenceLine)
    /// Text at a data point, optionally with an arrow to another point.
    case annotation(Annotation)

    /// A histogram of raw values, drawn as bars.
    public static func histogram(_ histogram: Histogram) -> Layer { .bars(histogram.bars) }

    func validate(figure: String) throws {
        switch self {
        case .line(let series), .scatter(let series): try series.validate(figure: figure)
        case .bars(let bars): try bars.validate(figure: figure)
        case .groupedBars(let bars): try bars.validate(figure: figure)
        case .heatmap(let heatmap): try heatmap.grid.validate(figure: figure, layer: heatmap.name)
        case .contours(let contours): try contours.grid.validate(figure: figure, layer: contours.name)
        case .band(let band): try band.validate(figure: figure)
        case .span(let span):
            if !(span.from.isFinite && span.to.isFinite) {
                throw PlotError.invalidSetting(figure: figure, message: "span '\(span.label ?? "")' needs finite bounds")
            }
        case .reference, .annotation: break
        }
    }

    /// The name shown in the legend and CSV, if the layer has one.
    var legendName: String? {
        switch self {
        case .line(let s), .scatter(let s): s.name
        case .bars(let b): b.name
        case .band(let b): b.name
        case .span(let s): s.label
        case .heatmap, .contours, .groupedBars, .reference, .annotation: nil
        }
    }
}
