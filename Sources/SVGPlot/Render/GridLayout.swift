import Foundation

/// The plot rectangles of a figure's panels, their axis ranges and ticks.
///
/// Every plot has the same size; margins are the largest any panel in the
/// same grid column (left, right) or row (top, bottom) needs, so small
/// multiples line up; shared axes drop the inner tick labels and gaps.
struct GridLayout {
    let figure: Figure
    let legendOutside: [Bool]
    let columns: Int
    let rows: Int
    let xDomains: [ClosedRange<Double>]
    let yDomains: [ClosedRange<Double>]
    /// Room beside the plots: per grid column (left, right) and per grid row (top, bottom),
    /// so a colour bar or a legend widens only its own column or row.
    private(set) var left: [Double]
    private(set) var right: [Double]
    private(set) var top: [Double]
    private(set) var bottom: [Double]
    private(set) var plotWidth = 0.0
    private(set) var plotHeight = 0.0

    struct Margins {
        var left = 0.0, right = 0.0, top = 0.0, bottom = 0.0
    }

    init(figure: Figure, legendOutside: [Bool]) {
        self.figure = figure
        self.legendOutside = legendOutside
        columns = min(figure.columns, figure.panels.count)
        rows = (figure.panels.count + columns - 1) / columns
        let extents = figure.panels.map(DataExtent.of)
        var xs = zip(figure.panels, extents).map { $0.x.limits ?? $1.x.resolved(scale: $0.x.scale) }
        var ys = zip(figure.panels, extents).map { $0.y.limits ?? $1.y.resolved(scale: $0.y.scale) }
        /// One range for all panels: the first panel's limits, else the union of every panel's data.
        func shared(_ parts: [DataExtent], _ axis: Axis) -> ClosedRange<Double> {
            var all = DataExtent()
            for part in parts { all.merge(part) }
            return axis.limits ?? all.resolved(scale: axis.scale)
        }
        if figure.sharesX {
            let range = shared(extents.map(\.x), figure.panels[0].x)
            xs = xs.map { _ in range }
        }
        if figure.sharesY {
            let range = shared(extents.map(\.y), figure.panels[0].y)
            ys = ys.map { _ in range }
        }
        xDomains = xs
        yDomains = ys
        left = Array(repeating: 0, count: columns)
        right = left
        top = Array(repeating: 0, count: rows)
        bottom = top
        // Ticks depend on the plot size and margins on the ticks: two rounds settle it.
        plotWidth = figure.size.width / Double(columns) - 70
        plotHeight = figure.size.height / Double(rows) - 60
        for _ in 0..<2 {
            left = Array(repeating: 0, count: columns)
            right = left
            top = Array(repeating: 0, count: rows)
            bottom = top
            for index in figure.panels.indices {
                let m = measureMargins(index)
                let row = index / columns, column = index % columns
                left[column] = max(left[column], m.left)
                right[column] = max(right[column], m.right)
                top[row] = max(top[row], m.top)
                bottom[row] = max(bottom[row], m.bottom)
            }
            plotWidth = max(20, (figure.size.width - left.reduce(0, +) - right.reduce(0, +)) / Double(columns))
            plotHeight = max(20, (figure.size.height - top.reduce(0, +) - bottom.reduce(0, +)) / Double(rows))
        }
    }

    func categories(_ index: Int) -> [String]? {
        for layer in figure.panels[index].layers { if case .groupedBars(let g) = layer { return g.categories } }
        return nil
    }

    func ticks(_ index: Int, width: Double, height: Double) -> (x: AxisTicks, y: AxisTicks, rotated: Bool) {
        let panel = figure.panels[index]
        let y = AxisTicks.numeric(scale: panel.y.scale, lower: yDomains[index].lowerBound, upper: yDomains[index].upperBound, length: height, horizontal: false)
        if let names = categories(index) {
            let x = AxisTicks.categorical(names)
            let band = width / Double(max(names.count, 1))
            return (x, y, x.maxLabelWidth + 8 > band)
        }
        let x = AxisTicks.numeric(scale: panel.x.scale, lower: xDomains[index].lowerBound, upper: xDomains[index].upperBound, length: width, horizontal: true)
        return (x, y, false)
    }

    private func measureMargins(_ index: Int) -> Margins {
        let panel = figure.panels[index]
        let row = index / columns, column = index % columns
        let (xt, yt, rotated) = ticks(index, width: plotWidth, height: plotHeight)
        let drawsX = drawsXTickLabels(row: row, index: index), drawsY = drawsYTickLabels(column: column)
        var m = Margins()
        m.left = panel.y.isHidden || !drawsY ? 8 : PanelRenderer.tickLength + 3 + yt.maxLabelWidth + (panel.y.label == nil ? 6 : 10 + PanelRenderer.labelFont + 6)
        m.bottom = panel.x.isHidden || !drawsX ? 8 : PanelRenderer.tickLength + 3 + AxisTicks.fontSize + 6
        if rotated && drawsX { m.bottom += xt.maxLabelWidth * sin(35 * .pi / 180) }
        if panel.x.label != nil && !panel.x.isHidden && drawsX { m.bottom += PanelRenderer.labelFont + 8 }
        m.top = 10
        if panel.title != nil { m.top += 20 }
        if legendOutside[index] && drawsLegend(index) {
            let renderer = renderer(for: index, idPrefix: "", styles: SeriesStyles(figure), legendOutside: true, width: plotWidth, height: plotHeight)
            m.top += LegendLayout(entries: renderer.legendEntries(), plot: renderer.plot, outside: true).outsideHeight
        }
        var right = 14.0
        if !panel.x.isHidden, !rotated, let last = xt.major.last {
            right = max(right, TextMetrics.width(last.label, fontSize: AxisTicks.fontSize) / 2 + 4)
        }
        for layer in panel.layers {
            if case .heatmap(let h) = layer, h.colorBar != nil {
                if case .categorical = h.colormap { continue }
                right = max(right, ColorBar.width(for: h, height: plotHeight) + 6)
            }
        }
        m.right = right
        return m
    }

    func drawsXTickLabels(row: Int, index: Int) -> Bool {
        !figure.sharesX || row == rows - 1 || index + columns >= figure.panels.count
    }

    func drawsYTickLabels(column: Int) -> Bool { !figure.sharesY || column == 0 }

    /// Small multiples whose panels all show the same series need the legend once, in the first panel.
    func drawsLegend(_ index: Int) -> Bool {
        func names(_ panel: Panel) -> [String] {
            panel.layers.flatMap { layer -> [String] in
                if case .heatmap(let h) = layer, case .categorical(let labels) = h.colormap { return labels }
                return SeriesStyles.styled(layer).map(\.0)
            }
        }
        let first = names(figure.panels[0])
        let repeated = figure.panels.count > 1 && figure.panels.allSatisfy { names($0) == first }
        return index == 0 || !repeated
    }

    /// The renderer for panel `index` in its grid cell.
    func renderer(for index: Int, idPrefix: String, styles: SeriesStyles, legendOutside: Bool, width: Double? = nil, height: Double? = nil) -> PanelRenderer {
        let panel = figure.panels[index]
        let row = index / columns, column = index % columns
        let x = (0..<column).reduce(0) { $0 + left[$1] + plotWidth + right[$1] } + left[column]
        let y = (0..<row).reduce(0) { $0 + top[$1] + plotHeight + bottom[$1] } + top[row]
        var plot = Rect(x: x, y: y, width: width ?? plotWidth, height: height ?? plotHeight)
        let titleBaseline = y - top[row] + 20
        let xd = xDomains[index], yd = yDomains[index]
        if panel.equalAspect && panel.x.scale == .linear && panel.y.scale == .linear {
            // Shrink to one data unit = one length on both axes, centred horizontally, top-aligned.
            let aspect = (xd.upperBound - xd.lowerBound) / (yd.upperBound - yd.lowerBound)
            if plot.width / plot.height > aspect {
                let w = plot.height * aspect
                plot.x += (plot.width - w) / 2
                plot.width = w
            } else {
                plot.height = plot.width / aspect
            }
        }
        let (xt, yt, rotated) = ticks(index, width: plot.width, height: plot.height)
        let xMap = AxisMap(scale: categories(index) == nil ? panel.x.scale : .linear, lower: xd.lowerBound, upper: xd.upperBound, from: plot.x, to: plot.maxX)
        let yMap = AxisMap(scale: panel.y.scale, lower: yd.lowerBound, upper: yd.upperBound, from: plot.maxY, to: plot.y)
        return PanelRenderer(
            panel: panel, idPrefix: idPrefix, plot: plot, xMap: xMap, yMap: yMap, xTicks: xt, yTicks: yt,
            categoryAxis: categories(index) != nil, rotatesCategories: rotated,
            drawsXTickLabels: drawsXTickLabels(row: row, index: index), drawsYTickLabels: drawsYTickLabels(column: column),
            styles: styles, legendOutside: legendOutside, titleBaseline: titleBaseline, drawsLegend: drawsLegend(index),
            heatmapCellBudget: 7000 / Double(figure.panels.count))
    }
}
