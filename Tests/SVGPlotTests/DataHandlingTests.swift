import Foundation
import Testing
@testable import SVGPlot

@Suite struct DataHandlingTests {
    func onePanel(_ layers: [Layer], x: Axis = Axis(), y: Axis = Axis()) -> Figure {
        Figure(name: "t", title: "t", description: "t", panel: Panel(x: x, y: y, layers: layers))
    }

    let linear = AxisMap(scale: .linear, lower: 0, upper: 10, from: 0, to: 100)

    @Test func nonFiniteValuesBreakLinesIntoSegments() {
        let y: [Double] = [1, 2, .nan, 3, 4, .infinity, 5, -.infinity, 6, 7]
        let runs = Segments.split(x: (0..<10).map(Double.init), y: y, linear, linear)
        #expect(runs.map(\.count) == [2, 2, 1, 2])
        #expect(runs.flatMap { $0 }.allSatisfy { $0.x.isFinite && $0.y.isFinite })
    }

    @Test func nonPositiveValuesAreMissingOnLogAxes() {
        let log = AxisMap(scale: .log, lower: 1, upper: 100, from: 0, to: 100)
        let runs = Segments.split(x: [1, 2, 3, 4], y: [10, 0, -1, 10], linear, log)
        #expect(runs.map(\.count) == [1, 1])
    }

    @Test func aBrokenSeriesRendersAsSeparateSubpaths() throws {
        let svg = try onePanel([.line(Series("s", y: [1, 2, 3, .nan, 3, 2, 1]))]).svgDocument()
        let path = try #require(svg.components(separatedBy: "<title>s</title><path d=\"").dropFirst().first?.components(separatedBy: "\"").first)
        #expect(path.filter { $0 == "M" || $0 == "m" }.count == 2)
        #expect(!svg.contains("NaN") && !svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func allNaNSeriesStillRenders() throws {
        let svg = try onePanel([.line(Series("s", x: [1, 2], y: [.nan, .nan]))]).svgDocument()
        #expect(Support.parseXML(svg).ok)
    }

    @Test func emptyAndMismatchedSeriesAreErrors() {
        #expect(throws: PlotError.emptySeries(figure: "t", series: "empty")) {
            try onePanel([.line(Series("empty", x: [], y: []))]).svgDocument()
        }
        #expect(throws: PlotError.lengthMismatch(figure: "t", series: "bad", what: "y values", expected: 3, actual: 2)) {
            try onePanel([.line(Series("bad", x: [1, 2, 3], y: [1, 2]))]).svgDocument()
        }
        #expect(throws: PlotError.self) {
            try onePanel([.heatmap(Heatmap("ragged", grid: Grid([[1, 2], [3]], x: 0...1, y: 0...1)))]).svgDocument()
        }
        #expect(throws: PlotError.self) {
            try onePanel([.line(Series("s", y: [1]))], x: Axis(scale: .log, limits: -1...1)).svgDocument()
        }
        let message = PlotError.lengthMismatch(figure: "f", series: "bad", what: "y values", expected: 3, actual: 2).description
        #expect(message == "figure 'f': series 'bad' expected 3 y values, got 2")
    }

    @Test func denseSeriesAreReducedToThePixelGridAndKeepTheirExtremes() throws {
        var y = (0..<100_000).map { sin(Double($0) / 500) + 0.1 * sin(Double($0) * 1.7) }
        y[54_321] = 9  // one spike must survive
        let x = y.indices.map(Double.init)
        let figure = onePanel([.line(Series("dense", x: x, y: y))])
        let svg = try figure.svgDocument()
        #expect(svg.utf8.count < 150_000, "\(svg.utf8.count) bytes")
        let points = Segments.split(x: x, y: y, AxisMap(scale: .linear, lower: 0, upper: 100_000, from: 0, to: 560), AxisMap(scale: .linear, lower: -2, upper: 10, from: 300, to: 0))[0]
        let reduced = Downsampling.reduce(points)
        #expect(reduced.count <= 4 * 561)
        #expect(reduced.map(\.y).min() == points.map(\.y).min())
        #expect(reduced.map(\.y).max() == points.map(\.y).max())
        #expect(reduced.first == points.first && reduced.last == points.last)
    }

    @Test func unsortedDenseSeriesUseDouglasPeuckerWithinAQuarterPixel() {
        let points = (0..<20_000).map { i -> Point in
            let t = Double(i) / 20_000 * 2 * .pi
            return Point(x: 200 + 150 * cos(t), y: 200 + 150 * sin(t))
        }
        let reduced = Downsampling.reduce(points)
        #expect(reduced.count < 400)
        // Every dropped point is close to the kept polyline.
        for p in points.enumerated() where p.offset % 97 == 0 {
            let distance = zip(reduced, reduced.dropFirst()).map { a, b -> Double in
                let dx = b.x - a.x, dy = b.y - a.y
                let t = max(0, min(1, ((p.element.x - a.x) * dx + (p.element.y - a.y) * dy) / (dx * dx + dy * dy)))
                return hypot(p.element.x - a.x - t * dx, p.element.y - a.y - t * dy)
            }.min()!
            #expect(distance <= 0.26)
        }
    }

    @Test func denseScatterStaysSmall() throws {
        var rng = Samples.LCG(state: 1)
        let x = (0..<100_000).map { _ in rng.normal() }
        let y = (0..<100_000).map { _ in rng.normal() }
        let svg = try onePanel([.scatter(Series("cloud", x: x, y: y))]).svgDocument()
        #expect(svg.utf8.count < 150_000, "\(svg.utf8.count) bytes")
    }

    @Test func marchingSquaresTracesACircleAsOneClosedLoop() {
        let n = 41
        let values = (0..<n).map { r in (0..<n).map { c in hypot(Double(r - 20), Double(c - 20)) } }
        let lines = MarchingSquares.isolines(values, level: 10)
        #expect(lines.count == 1)
        let loop = lines[0]
        #expect(loop.first == loop.last)
        for p in loop { #expect(abs(hypot(p.row - 20, p.column - 20) - 10) < 0.15) }
    }

    @Test func marchingSquaresHandlesSaddlesAndOpenLines() {
        // A saddle: two diagonal highs; each segment pair must join into open lines ending on the border.
        let values: [[Double]] = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
        let lines = MarchingSquares.isolines(values, level: 0.5)
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.count >= 2 })
        #expect(MarchingSquares.isolines([[0, 0], [0, 0]], level: 1).isEmpty)
    }

    @Test func csvHasOneColumnPerSeries() {
        let figure = onePanel([
            .line(Series("a", x: [0, 1, 2], y: [1, 0.5, .nan])),
            .line(Series("b, c", x: [0, 1, 2], y: [2, 3, 4])),
        ], x: Axis("epoch"))
        #expect(figure.csv() == "epoch,a,\"b, c\"\n0,1,2\n1,0.5,3\n2,NaN,4\n")
        let ragged = onePanel([.line(Series("a", x: [0, 1], y: [1, 2])), .scatter(Series("b", x: [5], y: [6]))])
        #expect(ragged.csv() == "a x,a,b x,b\n0,1,5,6\n1,2,,\n")
        // "\r\n" is a single Character in Swift; the name is still quoted.
        let crlf = onePanel([.line(Series("a\r\nb", x: [0], y: [1]))], x: Axis("t"))
        #expect(crlf.csv() == "t,\"a\r\nb\"\n0,1\n")
    }

    @Test func csvIsLongForHeatmaps() {
        let figure = onePanel([.heatmap(Heatmap("h", grid: Grid([[1, 2], [3, 4]], x: 0...2, y: 0...2)))])
        #expect(figure.csv() == "panel,layer,x,y,value\n1,h,0.5,0.5,1\n1,h,1.5,0.5,2\n1,h,0.5,1.5,3\n1,h,1.5,1.5,4\n")
    }

    @Test func textIsEscapedOnce() throws {
        let figure = Figure(name: "a&b", title: "x < y & \"z\"", description: "<desc>", panel: Panel(layers: [.line(Series("p<q", y: [1, 2]))]))
        let svg = try figure.svgDocument()
        #expect(Support.parseXML(svg).ok)
        #expect(svg.contains("<title id=\"plot-a-b-title\">x &lt; y &amp; \"z\"</title>"))
    }

    @Test func legendAvoidsData() throws {
        // Data fills the top right and bottom left; the legend must go elsewhere or outside.
        let x = (0...50).map { Double($0) / 50 }
        let figure = onePanel([.line(Series("rising", x: x, y: x)), .line(Series("also rising", x: x, y: x.map { $0 * 0.9 + 0.05 }))])
        let renderer = GridLayout(figure: figure, legendOutside: [false]).renderer(for: 0, idPrefix: "p", styles: SeriesStyles(figure), legendOutside: false)
        let (_, outside) = renderer.render()
        #expect(!outside)
        var obstacles = Obstacles()
        obstacles.polylines = [Segments.split(x: x, y: x, renderer.xMap, renderer.yMap)[0]]
        let legend = LegendLayout(entries: renderer.legendEntries(), plot: renderer.plot, outside: false)
        let corner = try #require(legend.freeCorner(avoiding: obstacles, preferOutside: false))
        #expect(corner == .topLeft || corner == .bottomRight)
    }
}

/// Awkward data of every kind must render to well-formed XML or throw a PlotError — never crash.
@Suite struct RobustnessTests {
    @Test func randomAwkwardFiguresRenderOrThrow() throws {
        var rng = Samples.LCG(state: 2024)
        let specials: [Double] = [.nan, .infinity, -.infinity, 0, -1, 1e300, -1e-300, 1e-12, 5]
        func value() -> Double {
            rng.next() < 0.2 ? specials[Int(rng.next() * Double(specials.count))] : (rng.next() - 0.3) * pow(10, Double(Int(rng.next() * 6)) - 2)
        }
        func values(_ n: Int) -> [Double] { (0..<n).map { _ in value() } }
        var rendered = 0
        for trial in 0..<60 {
            let n = Int(rng.next() * 40)
            let m = rng.next() < 0.1 ? n + 1 : n
            let log = rng.next() < 0.3
            var layers: [Layer] = [
                .line(Series("line", x: values(n), y: values(m))),
                .scatter(Series("points", x: values(n), y: values(n))),
                .histogram(Histogram("hist", values: values(n), binCount: 1 + Int(rng.next() * 12))),
                .band(Band("band", x: values(n), lower: values(n), upper: values(n))),
                .reference(ReferenceLine(.sloped(slope: value(), intercept: value()), label: "ref")),
                .annotation(Annotation("note", x: value(), y: value(), arrowTo: (x: value(), y: value()))),
                .span(Span(.x, from: rng.next(), to: rng.next() + 1, label: "span")),
            ]
            if !log && rng.next() < 0.5 {
                let rows = 1 + Int(rng.next() * 6), columns = 1 + Int(rng.next() * 6)
                let grid = Grid((0..<rows).map { _ in values(columns) }, x: 0...1, y: 0...2)
                layers += [.heatmap(Heatmap("heat", grid: grid, colormap: rng.next() < 0.5 ? .viridis : .diverging, colorBar: "v")), .contours(Contours("iso", grid: grid))]
            }
            let figure = Figure(
                name: "random-\(trial)", title: "t", description: "d",
                size: Size(width: 100 + rng.next() * 700, height: 80 + rng.next() * 500), columns: 1 + Int(rng.next() * 3),
                sharesX: rng.next() < 0.5, sharesY: rng.next() < 0.5,
                panels: (0..<(1 + Int(rng.next() * 4))).map { _ in
                    Panel(title: rng.next() < 0.5 ? "panel" : nil, x: Axis("x", scale: log ? .log : .linear), y: Axis("y", scale: rng.next() < 0.3 ? .log : .linear), layers: layers.filter { _ in rng.next() < 0.7 })
                })
            do {
                let svg = try figure.svgDocument()
                let parsed = Support.parseXML(svg)
                #expect(parsed.ok, "trial \(trial): \(parsed.error ?? "")")
                #expect(!svg.contains("nan") && !svg.contains("inf") && !svg.contains("NaN"), "trial \(trial)")
                _ = figure.csv()
                rendered += 1
            } catch let error as PlotError {
                #expect(!error.description.isEmpty)
            }
        }
        // Most trials are valid figures; the errors are the mismatched lengths and mixed shared scales.
        #expect(rendered >= 30, "only \(rendered) of 60 rendered")
    }
}

@Suite struct LargeGridTests {
    @Test func noisyLargeHeatmapsAreReducedToThePixelGrid() throws {
        var rng = Samples.LCG(state: 5)
        let values = (0..<400).map { _ in (0..<400).map { _ in rng.next() } }
        let figure = Figure(name: "big", title: "t", description: "d", panel: Panel(layers: [
            .heatmap(Heatmap("noise", grid: Grid(values, x: 0...1, y: 0...1), colorBar: "v"))
        ]))
        let svg = try figure.svgDocument()
        #expect(svg.utf8.count < 150_000, "\(svg.utf8.count) bytes")
        #expect(Support.parseXML(svg).ok)
        let grid4 = Figure(name: "big4", title: "t", description: "d", columns: 2, panels: (0..<4).map { _ in
            Panel(x: .hidden, y: .hidden, layers: [.heatmap(Heatmap("noise", grid: Grid(image: values)))])
        })
        #expect(try grid4.svgDocument().utf8.count < 150_000)
        // The CSV keeps every cell: reduction is for the picture only.
        #expect(figure.csv().split(separator: "\n").count == 400 * 400 + 1)
    }

    @Test func blockAveragingKeepsTheMeanAndSkipsNaN() {
        let grid = Grid([[1, 3, 5, 7], [.nan, 3, 5, 7]], x: 0...4, y: 0...2)
        let drawing = HeatmapDrawing(heatmap: Heatmap("h", grid: grid), xMap: AxisMap(scale: .linear, lower: 0, upper: 4, from: 0, to: 3), yMap: AxisMap(scale: .linear, lower: 0, upper: 2, from: 3, to: 0))
        let reduced = drawing.reduced(grid, width: 3, height: 1.5)
        #expect(reduced.values == [[7.0 / 3, 6]])
        #expect(reduced.x == 0...4 && reduced.y == 0...2)
    }
}
