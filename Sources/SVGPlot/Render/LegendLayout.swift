import XMLTree

/// A panel's legend: inside in a corner free of data, or as a row above the plot.
struct LegendLayout {
    struct Entry {
        enum Swatch {
            case line(Int)
            case marker(Int)
            case fill(Int, opacity: Double)
            /// A shaded span.
            case shade
            /// A fixed colour (class maps).
            case color(String)
        }

        var name: String
        var swatch: Swatch
    }

    enum Corner: CaseIterable { case topRight, topLeft, bottomRight, bottomLeft }

    let entries: [Entry]
    let plot: Rect
    let outside: Bool

    static let rowHeight = 17.0
    static let swatchWidth = 22.0
    static let fontSize = 11.5
    static let inset = 8.0

    private func textWidth(_ entry: Entry) -> Double { TextMetrics.width(entry.name, fontSize: LegendLayout.fontSize) }

    /// The size of the legend laid out as a column.
    var columnSize: Size {
        Size(
            width: LegendLayout.swatchWidth + 6 + (entries.map(textWidth).max() ?? 0),
            height: Double(entries.count) * LegendLayout.rowHeight)
    }

    /// Where each entry goes when the legend flows in rows above the plot.
    private var flow: [Point] {
        var x = 0.0, row = 0.0
        var origins: [Point] = []
        for entry in entries {
            let width = LegendLayout.swatchWidth + 6 + textWidth(entry)
            if x > 0 && x + width > plot.width { x = 0; row += 1 }
            origins.append(Point(x: x, y: row * LegendLayout.rowHeight))
            x += width + 16
        }
        return origins
    }

    /// The vertical room a legend above the plot takes.
    var outsideHeight: Double {
        entries.isEmpty ? 0 : (flow.last?.y ?? 0) + LegendLayout.rowHeight + 4
    }

    func box(_ corner: Corner) -> Rect {
        let size = columnSize
        let left = corner == .topLeft || corner == .bottomLeft
        let top = corner == .topLeft || corner == .topRight
        return Rect(
            x: left ? plot.x + LegendLayout.inset + 4 : plot.maxX - LegendLayout.inset - size.width,
            y: top ? plot.y + LegendLayout.inset : plot.maxY - LegendLayout.inset - size.height,
            width: size.width, height: size.height)
    }

    /// The first corner (top right, top left, bottom right, bottom left) whose
    /// box covers no data; `nil` when none does or the legend is too big to sit inside.
    func freeCorner(avoiding obstacles: Obstacles, preferOutside: Bool) -> Corner? {
        let size = columnSize
        guard !preferOutside, size.width < plot.width * 0.6, size.height < plot.height * 0.75 else { return nil }
        return Corner.allCases.first { !obstacles.hit(box($0)) }
    }

    /// The legend at `corner`, or above the plot when `corner` is nil.
    func render(at corner: Corner?, styles: SeriesStyles) -> Node {
        let origins: [Point]
        if let corner {
            let b = box(corner)
            origins = entries.indices.map { Point(x: b.x, y: b.y + Double($0) * LegendLayout.rowHeight) }
        } else {
            let top = plot.y - outsideHeight - 2
            origins = flow.map { Point(x: plot.x + $0.x, y: top + $0.y) }
        }
        var items: [Node] = []
        for (entry, origin) in zip(entries, origins) {
            let mid = origin.y + LegendLayout.rowHeight / 2
            items.append(swatch(entry.swatch, left: origin.x, mid: mid))
            items.append(SVG.text(entry.name, at: Point(x: origin.x + LegendLayout.swatchWidth + 6, y: mid), baseline: .middle, [["fill": "currentColor"]]))
        }
        return SVG.group([["font-size": NumberFormat.fixed(LegendLayout.fontSize, decimals: 1)]], [SVG.title("legend")] + items)
    }

    private func swatch(_ swatch: Entry.Swatch, left: Double, mid: Double) -> Node {
        let w = LegendLayout.swatchWidth
        func colored(_ slot: Int, _ child: Node) -> Node {
            SVG.group([Attribute("class", "sp-s\(slot)"), Attribute("color", Palette.lightHex[Palette.index(slot)])], [child])
        }
        let block = Rect(x: left + 4, y: mid - 5, width: w - 8, height: 10)
        switch swatch {
        case .line(let slot):
            var attributes: [Attribute] = [["fill": "none"], ["stroke": "currentColor"], ["stroke-width": "2"], ["stroke-linecap": "round"]]
            if let dash = Palette.dashes[Palette.index(slot)] { attributes.append(["stroke-dasharray": dash]) }
            return colored(slot, SVG.line(Point(x: left + 1, y: mid), Point(x: left + w - 1, y: mid), attributes))
        case .marker(let slot):
            return colored(slot, Markers.swatch(at: Point(x: left + w / 2, y: mid), slot: slot))
        case .fill(let slot, let opacity):
            return colored(slot, SVG.rect(block, [["fill": "currentColor"], Attribute("fill-opacity", NumberFormat.fixed(opacity, decimals: 2)), ["stroke": "currentColor"]]))
        case .shade:
            return SVG.rect(block, [["fill": "currentColor"], ["fill-opacity": ".12"], ["stroke": "currentColor"], ["stroke-opacity": ".3"]])
        case .color(let hex):
            return SVG.rect(block, [Attribute("fill", hex)])
        }
    }
}
