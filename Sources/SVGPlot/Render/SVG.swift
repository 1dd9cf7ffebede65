import XMLTree

/// Small builders for the SVG elements figures use; numbers go through `NumberFormat`.
enum SVG {
    static func n(_ value: Double) -> String { NumberFormat.coordinate(value) }

    static func group(_ attributes: [Attribute] = [], _ children: [Node]) -> Node {
        .el("g", attributes, children)
    }

    static func title(_ text: String) -> Node { .el("title", text: text) }

    static func path(_ d: String, _ attributes: [Attribute] = []) -> Node {
        .el("path", [Attribute("d", d)] + attributes)
    }

    static func line(_ a: Point, _ b: Point, _ attributes: [Attribute] = []) -> Node {
        var d = PathData()
        d.polyline([a, b])
        return path(d.text, attributes)
    }

    static func rect(_ r: Rect, _ attributes: [Attribute] = []) -> Node {
        .el("rect", [Attribute("x", n(r.x)), Attribute("y", n(r.y)), Attribute("width", n(r.width)), Attribute("height", n(r.height))] + attributes)
    }

    /// Vertical placement of text relative to `y`.
    enum Baseline {
        case alphabetic, middle, hanging
        var dy: String? {
            switch self {
            case .alphabetic: nil
            case .middle: ".35em"
            case .hanging: ".75em"
            }
        }
    }

    static func text(
        _ string: String, at p: Point, anchor: String = "start", baseline: Baseline = .alphabetic,
        rotate: Double? = nil, _ attributes: [Attribute] = []
    ) -> Node {
        var attrs = [Attribute("x", n(p.x)), Attribute("y", n(p.y))]
        if let dy = baseline.dy { attrs.append(Attribute("dy", dy)) }
        if anchor != "start" { attrs.append(Attribute("text-anchor", anchor)) }
        if let rotate { attrs.append(Attribute("transform", "rotate(\(n(rotate)) \(n(p.x)) \(n(p.y)))")) }
        return .el("text", attrs + attributes, [.text(string)])
    }
}
