import SVGPlot
import TeXMath
import XMLTree

extension Stage {
    /// Renders every page of the book and the stylesheet into an in-memory site.
    public static let renderPages = Stage("render pages") { state throws(BuildFailure) in
        guard let book = state.book else { throw BuildFailure([]) }
        var state = state
        var site = Site()
        var diagnostics: [Diagnostic] = []
        var slugForFile: [String: String] = [:]
        for page in book.pages {
            slugForFile[String(page.path.split(separator: "/").last ?? "")] = page.slug
        }
        let template = PageTemplate(book: book)
        var printSections: [Node] = []
        for (index, page) in book.pages.enumerated() {
            var renderer = HTMLRenderer(slugForFile: slugForFile, layout: .pages(slug: page.slug))
            renderer.blocks = page.blocks
            let content = renderer.render(page.document) + (page.provenance.map { [$0, .text("\n")] } ?? [])
            diagnostics += renderer.diagnostics
            site.add(page.fileName, template.document(pageIndex: index, content: content, outline: renderer.outline))
            var printRenderer = HTMLRenderer(slugForFile: slugForFile, layout: .singlePage(slug: page.slug))
            printRenderer.blocks = page.blocks
            printSections.append(template.printSection(page, content: printRenderer.render(page.document) + (page.provenance.map { [$0] } ?? [])))
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        site.add("print.html", template.printDocument(sections: printSections))
        site.add("assets/style.css", Stylesheet.css + "\n/* Math (TeXMath) */\n" + TeXMathStylesheet.css
            + "\n/* Figures (SVGPlot) */\n" + SVGPlot.Stylesheet.css + "\n")
        for (path, bytes) in state.extraFiles { site.files[path] = bytes }
        state.site = site
        return state
    }
}
