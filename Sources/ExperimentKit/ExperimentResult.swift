import SVGPlot

/// What an experiment returns: its values, tables and figures by the names its
/// ``Outputs`` declare. Figures are data plus a plot description, so a cached
/// result renders again without running the experiment.
public struct ExperimentResult: Sendable, Equatable, Codable {
    /// Numbers by name, for `{{experiment.name}}` in prose.
    public var values: [String: Double]
    /// Tables by name, for a chapter's ` ```table ` block.
    public var tables: [String: ResultTable]
    /// Figures by name, for a chapter's ` ```figure ` block, which gives each its file name and caption.
    public var figures: [String: Figure]

    /// A result with `values`, `tables` and `figures`.
    public init(values: [String: Double] = [:], tables: [String: ResultTable] = [:], figures: [String: Figure] = [:]) {
        self.values = values
        self.tables = tables
        self.figures = figures
    }
}
