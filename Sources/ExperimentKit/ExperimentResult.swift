import SVGPlot

/// What an experiment returns. Figures are data plus a plot description, so a
/// cached result renders again without running the experiment.
public struct ExperimentResult: Sendable, Equatable, Codable {
    public var values: [String: Double]
    public var tables: [String: ResultTable]
    public var figures: [String: Figure]

    public init(values: [String: Double] = [:], tables: [String: ResultTable] = [:], figures: [String: Figure] = [:]) {
        self.values = values
        self.tables = tables
        self.figures = figures
    }
}
