import SVGPlot
import TeXMath
import XMLTree

extension Stage {
    /// Renders every page of the book and the stylesheet into an in-memory site.
    public static let renderPages = Stage("render pages") { state async throws(BuildFailure) in
        guard let book = state.book else { throw BuildFailure([]) }
        var state = state
        var site = Site()
        var diagnostics: [Diagnostic] = []
        var slugForFile: [String: String] = [:]
        for page in book.pages {
            slugForFile[String(page.path.split(separator: "/").last ?? "")] = page.slug
        }
        let template = PageTemplate(book: book)
        let slugs = slugForFile
        // Headings take ids no label took: on a page, its own labels'; on the single page, every label's and chapter's.
        let labels = Array(state.labels.labels.values)
        let printIds = Set(labels.map(\.id) + book.pages.map(\.slug))
        // Pages are independent: rendered up to --jobs at once, added in book order.
        let rendered = await concurrentMap(Array(book.pages.enumerated()), jobs: state.options.jobs) { index, page in
            let pageIds = Set(labels.filter { $0.slug == page.slug }.map(\.id))
            var renderer = HTMLRenderer(slugForFile: slugs, layout: .pages(slug: page.slug), takenIds: pageIds)
            renderer.blocks = page.blocks
            let content = renderer.render(page.document) + (page.provenance.map { [$0, .text("\n")] } ?? [])
            let document = template.document(pageIndex: index, content: content, outline: renderer.outline)
            var printRenderer = HTMLRenderer(slugForFile: slugs, layout: .singlePage(slug: page.slug), takenIds: printIds)
            printRenderer.blocks = page.blocks
            let printSection = template.printSection(page, content: printRenderer.render(page.document) + (page.provenance.map { [$0] } ?? []))
            return (document: document, diagnostics: renderer.diagnostics, printSection: printSection)
        }
        var printSections: [Node] = []
        for (page, output) in zip(book.pages, rendered) {
            diagnostics += output.diagnostics
            site.add(page.fileName, output.document)
            printSections.append(output.printSection)
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        site.add(GeneratedPage.print.fileName, template.printDocument(sections: printSections))
        site.add("assets/style.css", Stylesheet.css + "\n/* Math (TeXMath) */\n" + TeXMathStylesheet.css
            + "\n/* Figures (SVGPlot) */\n" + SVGPlot.Stylesheet.css + "\n")
        for (path, bytes) in state.extraFiles { site.files[path] = bytes }
        state.site = site
        return state
    }
}
