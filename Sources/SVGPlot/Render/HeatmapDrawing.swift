import XMLTree

/// A heatmap as one path per colour in grid units under one transform.
///
/// Colours are quantised (`Colormap.steps`) and equal neighbours in a row
/// merge into one run, so a 64 × 64 loss surface stays a few tens of KB
/// and the vector output scales without blur.
struct HeatmapDrawing {
    let heatmap: Heatmap
    let xMap: AxisMap
    let yMap: AxisMap
    /// How many cells this heatmap may draw at most (the figure's budget shared by its panels).
    var cellBudget = 7000.0

    func render() -> [Node] {
        let grid = reduced(heatmap.grid, width: abs((xMap(heatmap.grid.x.upperBound) ?? 0) - (xMap(heatmap.grid.x.lowerBound) ?? 0)),
            height: abs((yMap(heatmap.grid.y.upperBound) ?? 0) - (yMap(heatmap.grid.y.lowerBound) ?? 0)))
        guard let x0 = xMap(grid.x.lowerBound), let x1 = xMap(grid.x.upperBound),
            let top = yMap(grid.y.upperBound), let bottom = yMap(grid.y.lowerBound)
        else { return [] }
        let range = heatmap.resolvedRange
        var runs: [Int: String] = [:]
        for (r, row) in grid.values.enumerated() {
            let displayRow = grid.firstRow == .top ? r : grid.rows - 1 - r
            var c = 0
            while c < row.count {
                guard let key = key(row[c], range: range) else { c += 1; continue }
                var end = c + 1
                while end < row.count, self.key(row[end], range: range) == key { end += 1 }
                runs[key, default: ""] += "M\(c) \(displayRow)h\(end - c)v1h-\(end - c)z"
                c = end
            }
        }
        let paths = runs.keys.sorted().map { key in
            SVG.path(runs[key]!, [Attribute("fill", color(key))])
        }
        let scaleX = NumberFormat.shortest((x1 - x0) / Double(grid.columns), significant: 6)
        let scaleY = NumberFormat.shortest((bottom - top) / Double(grid.rows), significant: 6)
        let transform = "translate(\(SVG.n(x0)) \(SVG.n(top))) scale(\(scaleX) \(scaleY))"
        return [SVG.group(
            [Attribute("transform", transform), ["shape-rendering": "crispEdges"]],
            [SVG.title("\(heatmap.name) (\(grid.rows) × \(grid.columns), \(NumberFormat.tick(range.lowerBound, step: span(range))) to \(NumberFormat.tick(range.upperBound, step: span(range))))")] + paths)]
    }

    /// Grids finer than the picture can carry are block-averaged (finite
    /// values only): a cell must be at least 1.5 px, and at least the size
    /// that keeps the plot within `cellBudget` cells, so even pure noise stays
    /// well under 150 KB per figure. Class maps take each block's first finite class
    /// instead of a meaningless mean. (The CSV keeps every cell.)
    func reduced(_ grid: Grid, width: Double, height: Double) -> Grid {
        let cell = max(1.5, (max(width, 1) * max(height, 1) / cellBudget).squareRoot())
        let fx = max(1, Int((Double(grid.columns) * cell / max(width, 1)).rounded(.up)))
        let fy = max(1, Int((Double(grid.rows) * cell / max(height, 1)).rounded(.up)))
        guard fx > 1 || fy > 1 else { return grid }
        let categorical: Bool = if case .categorical = heatmap.colormap { true } else { false }
        let rows = (grid.rows + fy - 1) / fy, columns = (grid.columns + fx - 1) / fx
        let values = (0..<rows).map { r in
            (0..<columns).map { c -> Double in
                var sum = 0.0, count = 0.0
                for rr in (r * fy)..<min((r + 1) * fy, grid.rows) {
                    for cc in (c * fx)..<min((c + 1) * fx, grid.columns) where grid.values[rr][cc].isFinite {
                        if categorical { return grid.values[rr][cc] }
                        sum += grid.values[rr][cc]
                        count += 1
                    }
                }
                return count > 0 ? sum / count : .nan
            }
        }
        // Blocks at the far edge may be partial; the extent grows to whole blocks so cells keep their size.
        let dx = (grid.x.upperBound - grid.x.lowerBound) / Double(grid.columns) * Double(fx)
        let dy = (grid.y.upperBound - grid.y.lowerBound) / Double(grid.rows) * Double(fy)
        let x = grid.x.lowerBound...(grid.x.lowerBound + dx * Double(columns))
        let y = grid.firstRow == .bottom
            ? grid.y.lowerBound...(grid.y.lowerBound + dy * Double(rows))
            : (grid.y.upperBound - dy * Double(rows))...grid.y.upperBound
        return Grid(values, x: x, y: y, firstRow: grid.firstRow)
    }

    private func span(_ range: ClosedRange<Double>) -> Double {
        Ticks.niceStep(range.lowerBound, range.upperBound, target: 100)
    }

    /// The colour class of a value: its class index for categorical maps, else its quantised step.
    private func key(_ value: Double, range: ClosedRange<Double>) -> Int? {
        guard value.isFinite else { return nil }
        if case .categorical = heatmap.colormap { return Int(value.rounded()) }
        return heatmap.colormap.step(value, range: range)
    }

    private func color(_ key: Int) -> String {
        if case .categorical = heatmap.colormap {
            return Palette.categoricalHex[((key % Palette.count) + Palette.count) % Palette.count]
        }
        return heatmap.colormap.color(atStep: key)
    }
}
