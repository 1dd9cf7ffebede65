/// Iso-lines of a grid, traced by marching squares and labelled with their level.
public struct Contours: Sendable, Equatable, Codable {
    public var name: String
    public var grid: Grid
    /// The levels to trace; `nil` picks about eight nice values inside the data range.
    public var levels: [Double]?
    public var showsLabels: Bool

    public init(_ name: String, grid: Grid, levels: [Double]? = nil, showsLabels: Bool = true) {
        self.name = name
        self.grid = grid
        self.levels = levels
        self.showsLabels = showsLabels
    }

    var resolvedLevels: [Double] {
        if let levels { return levels }
        guard let range = grid.finiteRange, range.lowerBound < range.upperBound else { return [] }
        return Ticks.linear(range.lowerBound, range.upperBound, target: 8)
            .filter { $0 > range.lowerBound && $0 < range.upperBound }
    }
}
