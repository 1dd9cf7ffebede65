/// Values on a regular grid over a rectangle of the data plane.
///
/// `values[row][column]`; columns run along x from `x.lowerBound` to
/// `x.upperBound`, rows along y. Each value is the centre of its cell.
public struct Grid: Sendable, Equatable, Codable {
    /// Which edge of the rectangle row 0 lies on.
    public enum FirstRow: Sendable, Equatable, Codable {
        /// Images: row 0 is the top row.
        case top
        /// Functions of (x, y): row 0 is at the lowest y.
        case bottom
    }

    public var values: [[Double]]
    public var x: ClosedRange<Double>
    public var y: ClosedRange<Double>
    public var firstRow: FirstRow

    public init(_ values: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>, firstRow: FirstRow = .bottom) {
        self.values = values
        self.x = x
        self.y = y
        self.firstRow = firstRow
    }

    /// An image: pixel (r, c) covers x ∈ [c, c+1], y ∈ [r, r+1] with row 0 on top.
    public init(image values: [[Double]]) {
        self.init(values, x: 0...Double(values.first?.count ?? 0), y: 0...Double(values.count), firstRow: .top)
    }

    /// Samples `f(x, y)` at the centres of a `columns × rows` grid.
    public init(x: ClosedRange<Double>, y: ClosedRange<Double>, columns: Int, rows: Int, _ f: (Double, Double) -> Double) {
        let dx = (x.upperBound - x.lowerBound) / Double(columns)
        let dy = (y.upperBound - y.lowerBound) / Double(rows)
        let values = (0..<rows).map { r in
            (0..<columns).map { c in f(x.lowerBound + (Double(c) + 0.5) * dx, y.lowerBound + (Double(r) + 0.5) * dy) }
        }
        self.init(values, x: x, y: y, firstRow: .bottom)
    }

    var rows: Int { values.count }
    var columns: Int { values.first?.count ?? 0 }

    /// The data-plane centre of cell (row, column).
    func center(row: Int, column: Int) -> (x: Double, y: Double) {
        let dx = (x.upperBound - x.lowerBound) / Double(columns)
        let dy = (y.upperBound - y.lowerBound) / Double(rows)
        let fromBottom = firstRow == .bottom ? row : rows - 1 - row
        return (x.lowerBound + (Double(column) + 0.5) * dx, y.lowerBound + (Double(fromBottom) + 0.5) * dy)
    }

    /// The finite minimum and maximum, if any value is finite.
    var finiteRange: ClosedRange<Double>? {
        var lower = Double.infinity, upper = -Double.infinity
        for row in values { for v in row where v.isFinite { lower = min(lower, v); upper = max(upper, v) } }
        return lower <= upper ? lower...upper : nil
    }

    func validate(figure: String, layer: String) throws {
        if values.isEmpty || columns == 0 { throw PlotError.emptySeries(figure: figure, series: layer) }
        if let bad = values.firstIndex(where: { $0.count != columns }) {
            throw PlotError.invalidGrid(figure: figure, layer: layer, message: "is ragged: row 0 has \(columns) values, row \(bad) has \(values[bad].count)")
        }
        if !(x.lowerBound < x.upperBound && y.lowerBound < y.upperBound && x.lowerBound.isFinite && x.upperBound.isFinite && y.lowerBound.isFinite && y.upperBound.isFinite) {
            throw PlotError.invalidGrid(figure: figure, layer: layer, message: "needs a finite extent with lower < upper on both axes")
        }
    }
}
