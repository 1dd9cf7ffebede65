/// Bars per category: every group has one value per category, drawn side by side.
public struct GroupedBars: Sendable, Equatable, Codable {
    /// One coloured set of bars (one legend entry).
    public struct Group: Sendable, Equatable, Codable {
        public var name: String
        public var values: [Double]
        public var style: Int?

        public init(_ name: String, values: [Double], style: Int? = nil) {
            self.name = name
            self.values = values
            self.style = style
        }
    }

    public var categories: [String]
    public var groups: [Group]

    public init(categories: [String], groups: [Group]) {
        self.categories = categories
        self.groups = groups
    }

    func validate(figure: String) throws {
        if categories.isEmpty { throw PlotError.emptySeries(figure: figure, series: groups.first?.name ?? "bars") }
        if groups.isEmpty { throw PlotError.emptySeries(figure: figure, series: "bars") }
        for group in groups where group.values.count != categories.count {
            throw PlotError.lengthMismatch(figure: figure, series: group.name, what: "values", expected: categories.count, actual: group.values.count)
        }
    }
}
