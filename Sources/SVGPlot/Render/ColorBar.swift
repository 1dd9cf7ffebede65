import XMLTree

/// The vertical colour bar to the right of a heatmap panel, with ticks and a label.
struct ColorBar {
    let heatmap: Heatmap
    let plot: Rect
    let idPrefix: String

    static let gap = 14.0
    static let barWidth = 12.0

    /// The horizontal room the bar needs beyond the plot area.
    static func width(for heatmap: Heatmap, height: Double) -> Double {
        let ticks = ticks(for: heatmap, height: height)
        return gap + barWidth + PanelRenderer.tickLength + 3 + ticks.maxLabelWidth + (heatmap.colorBar?.isEmpty == false ? 22 : 4)
    }

    static func ticks(for heatmap: Heatmap, height: Double) -> AxisTicks {
        let range = heatmap.resolvedRange
        return AxisTicks.numeric(scale: .linear, lower: range.lowerBound, upper: range.upperBound, length: height, horizontal: false)
    }

    func render() -> [Node] {
        let range = heatmap.resolvedRange
        let bar = Rect(x: plot.maxX + ColorBar.gap, y: plot.y, width: ColorBar.barWidth, height: plot.height)
        let gradientID = idPrefix + "-colorbar"
        let stops = 16
        let gradient = Node.el(
            "linearGradient", [Attribute("id", gradientID), ["x1": "0"], ["y1": "1"], ["x2": "0"], ["y2": "0"]],
            (0...stops).map { i in
                let t = Double(i) / Double(stops)
                return .el("stop", [Attribute("offset", NumberFormat.fixed(t, decimals: 4)), Attribute("stop-color", heatmap.colormap.color(at: t))])
            })
        let map = AxisMap(scale: .linear, lower: range.lowerBound, upper: range.upperBound, from: bar.maxY, to: bar.y)
        let ticks = ColorBar.ticks(for: heatmap, height: plot.height)
        var tickPath = PathData()
        var labels: [Node] = []
        for tick in ticks.major {
            guard let y = map(tick.value) else { continue }
            tickPath.polyline([Point(x: bar.maxX, y: y), Point(x: bar.maxX + PanelRenderer.tickLength, y: y)])
            labels.append(SVG.text(tick.label, at: Point(x: bar.maxX + PanelRenderer.tickLength + 3, y: y), baseline: .middle))
        }
        var nodes: [Node] = [
            .el("defs", [], [gradient]),
            SVG.rect(bar, [Attribute("fill", "url(#\(gradientID))")]),
            SVG.path(tickPath.text, [["stroke": "currentColor"], ["stroke-opacity": ".55"], ["fill": "none"]]),
            SVG.group([["fill": "currentColor"], ["fill-opacity": ".78"], ["font-size": NumberFormat.fixed(AxisTicks.fontSize, decimals: 1)]], labels),
        ]
        if let label = heatmap.colorBar, !label.isEmpty {
            let x = bar.maxX + PanelRenderer.tickLength + 3 + ticks.maxLabelWidth + 8
            nodes.append(SVG.text(label, at: Point(x: x, y: bar.y + bar.height / 2), anchor: "middle", baseline: .hanging, rotate: -90,
                [["fill": "currentColor"], ["font-size": NumberFormat.fixed(PanelRenderer.labelFont, decimals: 1)]]))
        }
        return [SVG.group([], [SVG.title("colour scale: \(heatmap.colorBar ?? heatmap.name)")] + nodes)]
    }
}
