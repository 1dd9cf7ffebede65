import Foundation
import XMLTree

/// Draws one panel into its plot rectangle: grid, layers, axes, labels, legend, colour bar.
struct PanelRenderer {
    let panel: Panel
    /// Unique within the figure; used for ids.
    let idPrefix: String
    let plot: Rect
    let xMap: AxisMap
    let yMap: AxisMap
    let xTicks: AxisTicks
    let yTicks: AxisTicks
    /// Grouped bars put category names on the x axis.
    let categoryAxis: Bool
    let rotatesCategories: Bool
    let drawsXTickLabels: Bool
    let drawsYTickLabels: Bool
    let styles: SeriesStyles
    let legendOutside: Bool
    /// Where the panel title sits: the top of the grid row, so titles line up across a row.
    let titleBaseline: Double
    let drawsLegend: Bool
    /// The most heatmap cells this panel may draw (see `HeatmapDrawing.reduced`).
    let heatmapCellBudget: Double

    static let tickLength = 4.0
    static let labelFont = 12.5

    /// The panel's nodes, and whether its legend found no free corner inside.
    func render() -> (nodes: [Node], legendNeedsOutside: Bool) {
        var defs: [Node] = []
        var back: [Node] = []
        var data: [Node] = []
        var obstacles = Obstacles()
        let clipID = idPrefix + "-clip"
        let hasImage = panel.layers.contains { if case .heatmap = $0 { true } else { false } }

        if panel.showsGrid && !hasImage { back += gridLines() }
        for (index, layer) in panel.layers.enumerated() {
            data += draw(layer, index: index, hasImage: hasImage, obstacles: &obstacles)
        }
        defs.append(.el("clipPath", [Attribute("id", clipID)], [SVG.rect(plot)]))

        var nodes: [Node] = [.el("defs", [], defs)]
        nodes += back
        nodes.append(SVG.group([Attribute("clip-path", "url(#\(clipID))")], data))
        nodes += annotations(obstacles: &obstacles)
        nodes += axes()
        nodes += labels()
        var needsOutside = false
        let legend = LegendLayout(entries: legendEntries(), plot: plot, outside: legendOutside)
        if drawsLegend && !legend.entries.isEmpty && panel.legend != .hidden {
            if legendOutside {
                nodes.append(legend.render(at: nil, styles: styles))
            } else if let corner = legend.freeCorner(avoiding: obstacles, preferOutside: hasImage) {
                nodes.append(legend.render(at: corner, styles: styles))
            } else {
                needsOutside = true
            }
        }
        if let heatmap = colorBarHeatmap { nodes += ColorBar(heatmap: heatmap, plot: plot, idPrefix: idPrefix).render() }
        return (nodes, needsOutside)
    }

    /// The first heatmap that asks for a colour bar (categorical maps use the legend instead).
    var colorBarHeatmap: Heatmap? {
        for layer in panel.layers {
            if case .heatmap(let h) = layer, h.colorBar != nil {
                if case .categorical = h.colormap { continue }
                return h
            }
        }
        return nil
    }

    // MARK: - Grid and axes

    func gridLines() -> [Node] {
        var d = PathData()
        if !panel.y.isHidden {
            for tick in yTicks.major { if let y = yMap(tick.value) { d.polyline([Point(x: plot.x, y: y), Point(x: plot.maxX, y: y)]) } }
        }
        if !panel.x.isHidden && !categoryAxis {
            for tick in xTicks.major { if let x = xMap(tick.value) { d.polyline([Point(x: x, y: plot.y), Point(x: x, y: plot.maxY)]) } }
        }
        guard !d.text.isEmpty else { return [] }
        return [SVG.path(d.text, [["stroke": "currentColor"], ["stroke-opacity": ".12"], ["fill": "none"]])]
    }

    func axes() -> [Node] {
        var spine = PathData()
        var ticks = PathData()
        var minor = PathData()
        var labels: [Node] = []
        let t = PanelRenderer.tickLength
        if !panel.x.isHidden {
            spine.polyline([Point(x: plot.x, y: plot.maxY), Point(x: plot.maxX, y: plot.maxY)])
            for tick in xTicks.major {
                guard let x = xMap(tick.value), xMap.contains(tick.value) else { continue }
                ticks.polyline([Point(x: x, y: plot.maxY), Point(x: x, y: plot.maxY + t)])
                guard drawsXTickLabels else { continue }
                if rotatesCategories {
                    labels.append(SVG.text(tick.label, at: Point(x: x + 3, y: plot.maxY + t + 6), anchor: "end", baseline: .hanging, rotate: -35))
                } else {
                    labels.append(SVG.text(tick.label, at: Point(x: x, y: plot.maxY + t + 3), anchor: "middle", baseline: .hanging))
                }
            }
            for value in xTicks.minor { if let x = xMap(value) { minor.polyline([Point(x: x, y: plot.maxY), Point(x: x, y: plot.maxY + t * 0.6)]) } }
        }
        if !panel.y.isHidden {
            spine.polyline([Point(x: plot.x, y: plot.y), Point(x: plot.x, y: plot.maxY)])
            for tick in yTicks.major {
                guard let y = yMap(tick.value), yMap.contains(tick.value) else { continue }
                ticks.polyline([Point(x: plot.x - t, y: y), Point(x: plot.x, y: y)])
                if drawsYTickLabels {
                    labels.append(SVG.text(tick.label, at: Point(x: plot.x - t - 3, y: y), anchor: "end", baseline: .middle))
                }
            }
            for value in yTicks.minor { if let y = yMap(value) { minor.polyline([Point(x: plot.x - t * 0.6, y: y), Point(x: plot.x, y: y)]) } }
        }
        var nodes: [Node] = []
        let stroke: [Attribute] = [["stroke": "currentColor"], ["fill": "none"]]
        if !spine.text.isEmpty { nodes.append(SVG.path(spine.text + ticks.text, stroke + [["stroke-opacity": ".55"]])) }
        if !minor.text.isEmpty { nodes.append(SVG.path(minor.text, stroke + [["stroke-opacity": ".4"]])) }
        if !labels.isEmpty {
            nodes.append(SVG.group([["fill": "currentColor"], ["fill-opacity": ".78"], ["font-size": NumberFormat.fixed(AxisTicks.fontSize, decimals: 1)]], labels))
        }
        return nodes
    }

    /// Axis labels and the panel title.
    func labels() -> [Node] {
        var nodes: [Node] = []
        if let label = panel.x.label, !panel.x.isHidden, drawsXTickLabels {
            var y = plot.maxY + PanelRenderer.tickLength + 3 + AxisTicks.fontSize + 8
            if rotatesCategories { y += xTicks.maxLabelWidth * sin(35 * .pi / 180) }
            nodes.append(SVG.text(label, at: Point(x: plot.x + plot.width / 2, y: y), anchor: "middle", baseline: .hanging))
        }
        if let label = panel.y.label, !panel.y.isHidden, drawsYTickLabels {
            let x = plot.x - PanelRenderer.tickLength - 3 - yTicks.maxLabelWidth - 10
            nodes.append(SVG.text(label, at: Point(x: x, y: plot.y + plot.height / 2), anchor: "middle", rotate: -90))
        }
        if !nodes.isEmpty {
            nodes = [SVG.group([["fill": "currentColor"], ["font-size": NumberFormat.fixed(PanelRenderer.labelFont, decimals: 1)]], nodes)]
        }
        if let title = panel.title {
            nodes.append(
                SVG.text(title, at: Point(x: plot.x, y: titleBaseline), [["fill": "currentColor"], ["font-size": "13"], ["font-weight": "600"]]))
        }
        return nodes
    }

    // MARK: - Layers

    func draw(_ layer: Layer, index: Int, hasImage: Bool, obstacles: inout Obstacles) -> [Node] {
        switch layer {
        case .line(let series): return drawLine(series, obstacles: &obstacles)
        case .scatter(let series): return drawScatter(series, obstacles: &obstacles)
        case .bars(let bars): return drawBars(bars, obstacles: &obstacles)
        case .groupedBars(let bars): return drawGroupedBars(bars, obstacles: &obstacles)
        case .heatmap(let heatmap): return HeatmapDrawing(heatmap: heatmap, xMap: xMap, yMap: yMap, cellBudget: heatmapCellBudget).render()
        case .contours(let contours):
            return ContourDrawing(contours: contours, xMap: xMap, yMap: yMap, onImage: hasImage).render()
        case .band(let band): return drawBand(band, obstacles: &obstacles)
        case .span(let span): return drawSpan(span)
        case .reference(let line): return drawReference(line, obstacles: &obstacles)
        case .annotation: return []  // drawn above the clip so text may leave the plot area
        }
    }

    func seriesGroup(_ name: String, slot: Int, _ children: [Node]) -> Node {
        SVG.group([Attribute("class", "sp-s\(slot)"), Attribute("color", Palette.lightHex[Palette.index(slot)])], [SVG.title(name)] + children)
    }

    func drawLine(_ series: Series, obstacles: inout Obstacles) -> [Node] {
        let slot = styles.slot(series.name, explicit: series.style)
        let runs = Segments.split(x: series.x, y: series.y, xMap, yMap).map { Downsampling.reduce($0) }
        var d = PathData()
        for run in runs { d.polyline(run) }
        obstacles.polylines += runs
        var attributes: [Attribute] = [
            ["fill": "none"], ["stroke": "currentColor"], ["stroke-width": "1.8"], ["stroke-linejoin": "round"], ["stroke-linecap": "round"],
        ]
        if let dash = Palette.dashes[Palette.index(slot)] { attributes.append(["stroke-dasharray": dash]) }
        return [seriesGroup(series.name, slot: slot, [SVG.path(d.text, attributes)])]
    }

    func drawScatter(_ series: Series, obstacles: inout Obstacles) -> [Node] {
        let slot = styles.slot(series.name, explicit: series.style)
        let points = Downsampling.thinMarkers(Segments.split(x: series.x, y: series.y, xMap, yMap).flatMap { $0 }, area: plot)
        obstacles.points += points
        let count = series.x.count
        return [seriesGroup("\(series.name) (\(count) point\(count == 1 ? "" : "s"))", slot: slot, [Markers.path(points, slot: slot, size: 6)])]
    }

    func drawBars(_ bars: Bars, obstacles: inout Obstacles) -> [Node] {
        let slot = styles.slot(bars.name, explicit: bars.style)
        var fill = PathData()
        var outline: [Point] = []
        let base = yMap.clamped(yMap.scale == .log ? yMap.lower : 0)
        for i in bars.height.indices where bars.height[i].isFinite {
            guard let x0 = xMap(bars.left[i]), let x1 = xMap(bars.right[i]) else { continue }
            let top = yMap.clamped(bars.height[i])
            let inset = !bars.isTranslucent && abs(x1 - x0) > 4 ? 0.6 : 0
            let left = min(x0, x1) + inset, right = max(x0, x1) - inset
            fill.polygon([Point(x: left, y: base), Point(x: left, y: top), Point(x: right, y: top), Point(x: right, y: base)])
            obstacles.rects.append(Rect(x: left, y: min(top, base), width: right - left, height: abs(base - top)))
            outline += [Point(x: left, y: outline.isEmpty ? base : top), Point(x: left, y: top), Point(x: right, y: top)]
        }
        var children = [SVG.path(fill.text, [["fill": "currentColor"], ["fill-opacity": bars.isTranslucent ? ".35" : ".85"]])]
        if bars.isTranslucent, let last = outline.last {
            var step = PathData()
            step.polyline(outline + [Point(x: last.x, y: base)])
            children.append(SVG.path(step.text, [["fill": "none"], ["stroke": "currentColor"], ["stroke-width": "1.4"], ["stroke-linejoin": "round"]]))
        }
        return [seriesGroup(bars.name, slot: slot, children)]
    }

    func drawGroupedBars(_ bars: GroupedBars, obstacles: inout Obstacles) -> [Node] {
        let groups = Double(bars.groups.count)
        let unit = abs((xMap(1) ?? 1) - (xMap(0) ?? 0))
        let barWidth = unit * 0.8 / groups
        let base = yMap.clamped(0)
        return bars.groups.enumerated().map { g, group in
            let slot = styles.slot(group.name, explicit: group.style)
            var d = PathData()
            for (c, value) in group.values.enumerated() where value.isFinite {
                guard let center = xMap(Double(c)) else { continue }
                let left = center - unit * 0.4 + Double(g) * barWidth + 0.5
                let right = left + barWidth - 1
                let top = yMap.clamped(value)
                d.polygon([Point(x: left, y: base), Point(x: left, y: top), Point(x: right, y: top), Point(x: right, y: base)])
                obstacles.rects.append(Rect(x: left, y: min(top, base), width: right - left, height: abs(base - top)))
            }
            return seriesGroup(group.name, slot: slot, [SVG.path(d.text, [["fill": "currentColor"], ["fill-opacity": ".88"]])])
        }
    }

    func drawBand(_ band: Band, obstacles: inout Obstacles) -> [Node] {
        let slot = styles.slot(band.name, explicit: band.style)
        var d = PathData()
        var run: [(Double, Double, Double)] = []
        func flush() {
            guard run.count >= 2 else { run = []; return }
            let upper = run.map { Point(x: $0.0, y: $0.2) }, lower = run.reversed().map { Point(x: $0.0, y: $0.1) }
            d.polygon(upper + lower)
            obstacles.polylines += [upper, lower]
            run = []
        }
        for i in band.x.indices {
            if let x = xMap(band.x[i]), let lo = yMap(band.lower[i]), let hi = yMap(band.upper[i]) {
                run.append((x, lo, hi))
            } else {
                flush()
            }
        }
        flush()
        return [seriesGroup(band.name, slot: slot, [SVG.path(d.text, [["fill": "currentColor"], ["fill-opacity": ".2"]])])]
    }

    func drawSpan(_ span: Span) -> [Node] {
        let rect: Rect
        switch span.direction {
        case .x:
            let a = xMap.clamped(span.from), b = xMap.clamped(span.to)
            rect = Rect(x: min(a, b), y: plot.y, width: abs(b - a), height: plot.height)
        case .y:
            let a = yMap.clamped(span.from), b = yMap.clamped(span.to)
            rect = Rect(x: plot.x, y: min(a, b), width: plot.width, height: abs(b - a))
        }
        var children: [Node] = []
        if let label = span.label { children.append(SVG.title(label)) }
        children.append(SVG.rect(rect, [["fill": "currentColor"], ["fill-opacity": ".09"]]))
        return [SVG.group([], children)]
    }

    func drawReference(_ line: ReferenceLine, obstacles: inout Obstacles) -> [Node] {
        var points: [[Point]]
        var labelAt: Point?
        var anchor = "end"
        switch line.kind {
        case .horizontal(let v):
            guard let y = yMap(v) else { return [] }
            points = [[Point(x: plot.x, y: y), Point(x: plot.maxX, y: y)]]
            labelAt = Point(x: plot.maxX - 4, y: y - 5)
        case .vertical(let v):
            guard let x = xMap(v) else { return [] }
            points = [[Point(x: x, y: plot.y), Point(x: x, y: plot.maxY)]]
            labelAt = Point(x: x + 5, y: plot.y + 12)
            anchor = "start"
        case .sloped(let slope, let intercept):
            let samples = 96
            let xs = (0...samples).map { i -> Double in
                let t = Double(i) / Double(samples)
                return xMap.scale == .log
                    ? Foundation.pow(10, log10(xMap.lower) + t * (log10(xMap.upper) - log10(xMap.lower)))
                    : xMap.lower + t * (xMap.upper - xMap.lower)
            }
            points = Segments.split(x: xs, y: xs.map { slope * $0 + intercept }, xMap, yMap)
        }
        var labelAngle: Double?
        if case .sloped = line.kind, let run = points.last, run.count >= 2 {
            // Along the line, three quarters of the way through the plot, just above it.
            let inside = run.filter { plot.contains($0) }
            if inside.count >= 2 {
                let first = inside[0], last = inside[inside.count - 1]
                let angle = atan2(last.y - first.y, last.x - first.x)
                let readable = abs(angle) > .pi / 2 ? angle + .pi : angle
                let center = Point(x: first.x + 0.75 * (last.x - first.x), y: first.y + 0.75 * (last.y - first.y))
                labelAt = Point(x: center.x + sin(readable) * 5, y: center.y - cos(readable) * 5)
                labelAngle = readable * 180 / .pi
                anchor = "middle"
            }
            // The label was placed on the dense samples; a straight run needs only its ends.
            points = points.map { Downsampling.rdp($0, tolerance: 0.1) }
        }
        var d = PathData()
        for run in points { d.polyline(run) }
        obstacles.polylines += points
        var children: [Node] = []
        if let label = line.label { children.append(SVG.title(label)) }
        children.append(SVG.path(d.text, [["fill": "none"], ["stroke": "currentColor"], ["stroke-opacity": ".6"], ["stroke-width": "1.2"], ["stroke-dasharray": "5 4"]]))
        if let label = line.label, let at = labelAt {
            children.append(SVG.text(label, at: at, anchor: anchor, rotate: labelAngle, [["fill": "currentColor"], ["fill-opacity": ".8"], ["font-size": "11"]]))
            let width = TextMetrics.width(label, fontSize: 11)
            let left = anchor == "end" ? at.x - width : anchor == "middle" ? at.x - width / 2 : at.x
            obstacles.rects.append(Rect(x: left, y: at.y - 10, width: width, height: 13))
        }
        return [SVG.group([], children)]
    }

    func annotations(obstacles: inout Obstacles) -> [Node] {
        panel.layers.compactMap { layer -> Node? in
            guard case .annotation(let note) = layer, let x = xMap(note.x), let y = yMap(note.y) else { return nil }
            let rendered = AnnotationDrawing(annotation: note, at: Point(x: x, y: y), target: note.arrowTo.flatMap { t in
                xMap(t.x).flatMap { tx in yMap(t.y).map { Point(x: tx, y: $0) } }
            })
            obstacles.rects.append(rendered.textBox)
            return rendered.render()
        }
    }

    // MARK: - Legend

    func legendEntries() -> [LegendLayout.Entry] {
        var entries: [LegendLayout.Entry] = []
        // A band named like a line (a spread over seeds) shares the line's entry.
        var seen = Set(panel.layers.compactMap { if case .line(let s) = $0 { s.name } else { nil } })
        var lines = Set<String>()
        func add(_ entry: LegendLayout.Entry) {
            if seen.insert(entry.name).inserted { entries.append(entry) }
        }
        for layer in panel.layers {
            switch layer {
            case .line(let s):
                if lines.insert(s.name).inserted { entries.append(.init(name: s.name, swatch: .line(styles.slot(s.name, explicit: s.style)))) }
            case .scatter(let s): add(.init(name: s.name, swatch: .marker(styles.slot(s.name, explicit: s.style))))
            case .bars(let b): add(.init(name: b.name, swatch: .fill(styles.slot(b.name, explicit: b.style), opacity: b.isTranslucent ? 0.35 : 0.85)))
            case .groupedBars(let g):
                for group in g.groups { add(.init(name: group.name, swatch: .fill(styles.slot(group.name, explicit: group.style), opacity: 0.88))) }
            case .band(let b): add(.init(name: b.name, swatch: .fill(styles.slot(b.name, explicit: b.style), opacity: 0.2)))
            case .span(let s): if let label = s.label { add(.init(name: label, swatch: .shade)) }
            case .heatmap(let h):
                if case .categorical(let labels) = h.colormap {
                    for (i, label) in labels.enumerated() { add(.init(name: label, swatch: .color(Palette.categoricalHex[i % Palette.count]))) }
                }
            case .reference, .annotation, .contours: break
            }
        }
        // One line with no label needs no legend: the axis label already names it.
        if entries.count == 1, case .line = entries[0].swatch { return [] }
        if entries.count == 1, case .marker = entries[0].swatch { return [] }
        return entries
    }
}

/// What a legend must not cover, in pixels.
struct Obstacles {
    var polylines: [[Point]] = []
    var points: [Point] = []
    var rects: [Rect] = []

    func hit(_ box: Rect) -> Bool {
        if rects.contains(where: { $0.intersects(box) }) { return true }
        let grown = Rect(x: box.x - 3, y: box.y - 3, width: box.width + 6, height: box.height + 6)
        if points.contains(where: grown.contains) { return true }
        for line in polylines {
            if line.count == 1, grown.contains(line[0]) { return true }
            for (a, b) in zip(line, line.dropFirst()) where grown.intersects(a, b) { return true }
        }
        return false
    }
}
