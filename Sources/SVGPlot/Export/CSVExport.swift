import Foundation

/// The data behind a figure as CSV.
///
/// Curves, bars and bands: wide format, a header row and one column per
/// series. Series that share the same x values share one `x` column;
/// otherwise each series brings its own `<name> x` column. Figures with a
/// heatmap or contours: long format, one row per grid cell
/// (`panel,layer,x,y,value`), since a grid has no natural column per series.
/// Numbers are written in their shortest round-trip form; missing cells are empty.
struct CSVExport {
    let figure: Figure

    func text() -> String {
        let hasGrid = figure.panels.contains { $0.layers.contains { if case .heatmap = $0 { true } else if case .contours = $0 { true } else { false } } }
        let table = hasGrid ? longTable() : wideTable()
        return table.map { $0.map(CSVExport.escape).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private func longTable() -> [[String]] {
        var rows: [[String]] = [["panel", "layer", "x", "y", "value"]]
        for (index, panel) in figure.panels.enumerated() {
            let panelName = panel.title ?? "\(index + 1)"
            for layer in panel.layers {
                switch layer {
                case .heatmap(let h): rows += cells(h.grid, panel: panelName, layer: h.name)
                case .contours(let c):
                    // The same grid as a heatmap under it is written once.
                    let duplicate = panel.layers.contains { if case .heatmap(let h) = $0 { h.grid == c.grid } else { false } }
                    if !duplicate { rows += cells(c.grid, panel: panelName, layer: c.name) }
                case .line(let s), .scatter(let s):
                    rows += zip(s.x, s.y).map { [panelName, s.name, NumberFormat.csv($0), NumberFormat.csv($1), ""] }
                default: break
                }
            }
        }
        return rows
    }

    private func cells(_ grid: Grid, panel: String, layer: String) -> [[String]] {
        var rows: [[String]] = []
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                let center = grid.center(row: r, column: c)
                rows.append([panel, layer, NumberFormat.csv(center.x), NumberFormat.csv(center.y), NumberFormat.csv(grid.values[r][c])])
            }
        }
        return rows
    }

    private func wideTable() -> [[String]] {
        var columns: [(header: String, values: [String])] = []
        func add(_ header: String, _ values: [String]) {
            var name = header
            var k = 2
            while columns.contains(where: { $0.header == name }) {
                name = "\(header) (\(k))"
                k += 1
            }
            columns.append((name, values))
        }
        let curves = figure.panels.flatMap(\.layers).compactMap { layer -> Series? in
            switch layer {
            case .line(let s), .scatter(let s): s
            default: nil
            }
        }
        let sharedX = curves.first.map { first in curves.allSatisfy { $0.x == first.x } } ?? false
        if sharedX, let first = curves.first { add(figure.panels[0].x.label ?? "x", first.x.map(NumberFormat.csv)) }
        for layer in figure.panels.flatMap(\.layers) {
            switch layer {
            case .line(let s), .scatter(let s):
                if !sharedX { add("\(s.name) x", s.x.map(NumberFormat.csv)) }
                add(s.name, s.y.map(NumberFormat.csv))
            case .bars(let b):
                add("\(b.name) from", b.left.map(NumberFormat.csv))
                add("\(b.name) to", b.right.map(NumberFormat.csv))
                add(b.name, b.height.map(NumberFormat.csv))
            case .groupedBars(let g):
                add("category", g.categories)
                for group in g.groups { add(group.name, group.values.map(NumberFormat.csv)) }
            case .band(let b):
                add("\(b.name) x", b.x.map(NumberFormat.csv))
                add("\(b.name) lower", b.lower.map(NumberFormat.csv))
                add("\(b.name) upper", b.upper.map(NumberFormat.csv))
            case .heatmap, .contours, .span, .reference, .annotation: break
            }
        }
        let height = columns.map(\.values.count).max() ?? 0
        var rows = [columns.map(\.header)]
        for r in 0..<height { rows.append(columns.map { r < $0.values.count ? $0.values[r] : "" }) }
        return rows
    }

    /// RFC 4180 quoting for fields with commas, quotes or line breaks.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
