import Foundation
import Testing
@testable import SVGPlot

/// Every chart kind against its golden SVG and CSV (regenerate with DOCGEN_UPDATE_GOLDENS=1).
@Suite struct GoldenTests {
    @Test(arguments: Samples.all.map(\.name))
    func matchesGolden(name: String) throws {
        let figure = try #require(Samples.all.first { $0.name == name })
        let svg = try figure.svgDocument()
        let csv = figure.csv()
        let svgURL = Support.fixtures.appendingPathComponent("\(name).svg")
        let csvURL = Support.fixtures.appendingPathComponent("\(name).csv")
        if Support.updatingGoldens {
            try FileManager.default.createDirectory(at: Support.fixtures, withIntermediateDirectories: true)
            try svg.write(to: svgURL, atomically: true, encoding: .utf8)
            try csv.write(to: csvURL, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: svgURL, encoding: .utf8)
        #expect(svg == expected, "\(name).svg differs from its golden; rerun with DOCGEN_UPDATE_GOLDENS=1 if the change is intended")
        #expect(csv == (try String(contentsOf: csvURL, encoding: .utf8)))
    }

    @Test(arguments: Samples.all.map(\.name))
    func isWellFormedAndAccessible(name: String) throws {
        let figure = try #require(Samples.all.first { $0.name == name })
        let svg = try figure.svgDocument()
        let parsed = Support.parseXML(svg)
        #expect(parsed.ok, "\(parsed.error ?? "")")
        let elements = Support.elements(svg)
        #expect(elements.names.first == "svg")
        #expect(elements.names.dropFirst().prefix(2) == ["title", "desc"])
        #expect(svg.utf8.count < 150_000)
        // Every id is derived from the figure name and unique.
        let ids = elements.attributes.compactMap { $0["id"] }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.hasPrefix("plot-\(name)") })
        // Every series group (class sp-sN with data) carries a tooltip title.
        #expect(svg.contains("<title>"))
    }

    @Test func sameFigureGivesIdenticalBytes() throws {
        for figure in Samples.all {
            #expect(try figure.svgDocument() == Samples.all.first { $0.name == figure.name }!.svgDocument())
            #expect(try figure.inlineNode().serialized(.html) == figure.inlineNode().serialized(.html))
        }
    }

    @Test func stylesheetNeedsNoEscapingInsideAStyleElement() {
        // HTML does not decode entities inside <style>, so the CSS must not contain characters that get escaped.
        #expect(!Stylesheet.css.contains { $0 == "&" || $0 == "<" || $0 == ">" })
        for k in 1...8 { #expect(Stylesheet.css.contains("var(--series-\(k),")) }
        #expect(Stylesheet.css.contains("var(--plot-fg,") && Stylesheet.css.contains("var(--plot-bg,"))
    }

    @Test func sharedAxesLabelOnlyTheOuterPanels() throws {
        let figure = Samples.smallMultiples
        let plan = GridLayout(figure: figure, legendOutside: [false, false])
        let renderers = figure.panels.indices.map { plan.renderer(for: $0, idPrefix: "p", styles: SeriesStyles(figure), legendOutside: false) }
        #expect(renderers.map(\.drawsYTickLabels) == [true, false])
        #expect(renderers.map(\.drawsXTickLabels) == [true, true])
        #expect(renderers[0].plot.width == renderers[1].plot.width && renderers[0].plot.y == renderers[1].plot.y)
        #expect(renderers[0].yMap.lower == renderers[1].yMap.lower && renderers[0].yMap.upper == renderers[1].yMap.upper)
        #expect(renderers.map(\.drawsLegend) == [true, false])
    }

    @Test func longCategoryNamesAreTurned() throws {
        let figure = Samples.manyCategories
        let renderer = GridLayout(figure: figure, legendOutside: [false]).renderer(for: 0, idPrefix: "p", styles: SeriesStyles(figure), legendOutside: false)
        #expect(renderer.rotatesCategories)
        let wide = GridLayout(figure: Samples.groupedBars, legendOutside: [false]).renderer(for: 0, idPrefix: "p", styles: SeriesStyles(Samples.groupedBars), legendOutside: false)
        #expect(!wide.rotatesCategories)
    }

    @Test func gridsOnLogAxesAreRefused() {
        let figure = Figure(name: "g", title: "g", description: "g", panel: Panel(x: Axis(scale: .log), layers: [
            .heatmap(Heatmap("h", grid: Grid([[1, 2], [3, 4]], x: 1...10, y: 1...10)))
        ]))
        #expect(throws: PlotError.self) { try figure.svgDocument() }
    }

    @Test func inlineNodeHasNoXMLDeclarationAndFollowsThePage() throws {
        let node = try Samples.lines.inlineNode(includeStyle: false)
        let html = node.serialized(.html)
        #expect(html.hasPrefix("<svg class=\"sp-fig\""))
        #expect(!html.contains("<style>"))
        #expect(!html.contains("sp-standalone"))
        #expect(try Samples.lines.inlineNode().serialized(.html).contains("prefers-color-scheme:dark"))
    }
}
