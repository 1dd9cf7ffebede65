import Foundation
import XMLTree

/// Marker shapes for scatter series, all points of a series in one path.
enum Markers {
    /// One path drawing `points` with the slot's marker shape, `size` px across.
    static func path(_ points: [Point], slot: Int, size: Double) -> Node {
        let marker = Palette.markers[Palette.index(slot)]
        var d = PathData()
        switch marker {
        case .circle, .square:
            // A zero-length line with round (square) caps is a dot (square): the shortest path text per point.
            for p in points { d.polyline([p]) }
            return SVG.path(d.text, [
                ["fill": "none"], ["stroke": "currentColor"], ["stroke-width": NumberFormat.fixed(marker == .circle ? size : size * 0.85, decimals: 1)],
                ["stroke-linecap": marker == .circle ? "round" : "square"], ["stroke-opacity": ".85"],
            ])
        case .plus, .cross:
            let r = size * 0.55
            for p in points {
                if marker == .plus {
                    d.polyline([Point(x: p.x - r, y: p.y), Point(x: p.x + r, y: p.y)])
                    d.polyline([Point(x: p.x, y: p.y - r), Point(x: p.x, y: p.y + r)])
                } else {
                    let q = r * 0.8
                    d.polyline([Point(x: p.x - q, y: p.y - q), Point(x: p.x + q, y: p.y + q)])
                    d.polyline([Point(x: p.x - q, y: p.y + q), Point(x: p.x + q, y: p.y - q)])
                }
            }
            return SVG.path(d.text, [["fill": "none"], ["stroke": "currentColor"], ["stroke-width": "1.6"], ["stroke-opacity": ".9"]])
        case .diamond, .triangleUp, .triangleDown, .hexagon:
            let (sides, rotation, scale): (Int, Double, Double) =
                switch marker {
                case .diamond: (4, 0, 0.62)
                case .triangleUp: (3, 0, 0.68)
                case .triangleDown: (3, .pi, 0.68)
                default: (6, .pi / 6, 0.55)
                }
            let r = size * scale
            let corners = (0..<sides).map { k -> (Double, Double) in
                let angle = rotation + 2 * .pi * Double(k) / Double(sides)
                return (r * sin(angle), -r * cos(angle))
            }
            for p in points { d.polygon(corners.map { Point(x: p.x + $0.0, y: p.y + $0.1) }) }
            return SVG.path(d.text, [["fill": "currentColor"], ["fill-opacity": ".85"]])
        }
    }

    /// A single marker for legends.
    static func swatch(at p: Point, slot: Int) -> Node { path([p], slot: slot, size: 6) }
}
