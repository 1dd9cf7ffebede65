/// What is wrong with a figure's data, with a message a person can act on.
public enum PlotError: Error, Equatable, CustomStringConvertible {
    case noPanels(figure: String)
    case emptySeries(figure: String, series: String)
    case lengthMismatch(figure: String, series: String, what: String, expected: Int, actual: Int)
    case invalidGrid(figure: String, layer: String, message: String)
    case invalidSetting(figure: String, message: String)

    public var description: String {
        switch self {
        case .noPanels(let figure):
            "figure '\(figure)': no panels to draw"
        case .emptySeries(let figure, let series):
            "figure '\(figure)': series '\(series)' has no data points"
        case .lengthMismatch(let figure, let series, let what, let expected, let actual):
            "figure '\(figure)': series '\(series)' expected \(expected) \(what), got \(actual)"
        case .invalidGrid(let figure, let layer, let message):
            "figure '\(figure)': grid '\(layer)' \(message)"
        case .invalidSetting(let figure, let message):
            "figure '\(figure)': \(message)"
        }
    }
}
