import Foundation
import XMLTree

/// Contour lines of a grid with level labels along the longest line of each level.
struct ContourDrawing {
    let contours: Contours
    let xMap: AxisMap
    let yMap: AxisMap
    /// Drawn over a heatmap: light lines with dark-haloed labels instead of theme colours.
    let onImage: Bool

    static let labelFont = 10.0

    func render() -> [Node] {
        let levels = contours.resolvedLevels
        let step = zip(levels, levels.dropFirst()).map { abs($1 - $0) }.min() ?? Ticks.niceStep(levels.first ?? 0, (levels.first ?? 0) + 1, target: 10)
        var lines = PathData()
        var labels: [Node] = []
        var placed: [Rect] = []
        for level in levels {
            let polylines = MarchingSquares.isolines(contours.grid.values, level: level).map(project).filter { $0.count >= 2 }
            for polyline in polylines { lines.polyline(polyline) }
            guard contours.showsLabels else { continue }
            let text = NumberFormat.tick(level, step: step)
            if let label = placeLabel(text, on: polylines, avoiding: &placed) { labels.append(label) }
        }
        var lineAttributes: [Attribute] = [["fill": "none"], ["stroke-width": "1"], ["stroke-linejoin": "round"]]
        lineAttributes += onImage ? [["stroke": "#fff"], ["stroke-opacity": ".7"]] : [["stroke": "currentColor"], ["stroke-opacity": ".65"]]
        var children: [Node] = [SVG.title(contours.name), SVG.path(lines.text, lineAttributes)]
        if !labels.isEmpty {
            var textAttributes: [Attribute] = [["font-size": NumberFormat.fixed(ContourDrawing.labelFont, decimals: 1)]]
            textAttributes += onImage
                ? [["fill": "#fff"], ["stroke": "#000"], ["stroke-opacity": ".55"], ["stroke-width": "2.4"], ["paint-order": "stroke"], ["stroke-linejoin": "round"]]
                : [["fill": "currentColor"]]
            children.append(SVG.group(textAttributes, labels))
        }
        return [SVG.group([], children)]
    }

    /// Grid-index points → pixels (node (r, c) sits at the centre of cell (r, c)).
    func project(_ line: [MarchingSquares.GridPoint]) -> [Point] {
        let grid = contours.grid
        let dx = (grid.x.upperBound - grid.x.lowerBound) / Double(grid.columns)
        let dy = (grid.y.upperBound - grid.y.lowerBound) / Double(grid.rows)
        return line.compactMap { p in
            let x = grid.x.lowerBound + (p.column + 0.5) * dx
            let y = grid.firstRow == .bottom ? grid.y.lowerBound + (p.row + 0.5) * dy : grid.y.upperBound - (p.row + 0.5) * dy
            guard let px = xMap(x), let py = yMap(y) else { return nil }
            return Point(x: px, y: py)
        }
    }

    /// A label along the longest line of a level, tried at its middle, then at
    /// a third and two thirds, skipping spots where it would hit another label.
    func placeLabel(_ text: String, on polylines: [[Point]], avoiding placed: inout [Rect]) -> Node? {
        let width = TextMetrics.width(text, fontSize: ContourDrawing.labelFont)
        let ranked = polylines.map { ($0, length($0)) }.filter { $0.1 > width * 2.5 }.sorted { $0.1 > $1.1 }
        for (line, total) in ranked.prefix(3) {
            for fraction in [0.5, 0.3, 0.7] {
                guard let (p, angle) = pointAt(line, distance: total * fraction) else { continue }
                let box = Rect(x: p.x - width / 2 - 2, y: p.y - 7, width: width + 4, height: 14)
                guard !placed.contains(where: { $0.intersects(box) }) else { continue }
                placed.append(box)
                var upright = angle * 180 / .pi
                // Keep text readable: within [−90°, 90°), so vertical labels read upwards.
                if upright >= 90 { upright -= 180 }
                if upright < -90 { upright += 180 }
                return SVG.text(text, at: p, anchor: "middle", baseline: .middle, rotate: abs(upright) < 0.5 ? nil : upright)
            }
        }
        return nil
    }

    func length(_ line: [Point]) -> Double {
        zip(line, line.dropFirst()).reduce(0) { $0 + hypot($1.1.x - $1.0.x, $1.1.y - $1.0.y) }
    }

    /// The point `distance` along the line and the line's direction there (radians).
    func pointAt(_ line: [Point], distance: Double) -> (Point, Double)? {
        var remaining = distance
        for (a, b) in zip(line, line.dropFirst()) {
            let segment = hypot(b.x - a.x, b.y - a.y)
            if segment > 0 && remaining <= segment {
                let t = remaining / segment
                return (Point(x: a.x + t * (b.x - a.x), y: a.y + t * (b.y - a.y)), atan2(b.y - a.y, b.x - a.x))
            }
            remaining -= segment
        }
        return nil
    }
}
