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

    func render() -> [Node] {
        let grid = heatmap.grid
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
