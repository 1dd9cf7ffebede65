extension Stage {
    /// Renders every page of the book and the stylesheet into an in-memory site.
    public static let renderPages = Stage("render pages") { state throws(BuildFailure) in
        guard let book = state.book else { throw BuildFailure([]) }
        var state = state
        var site = Site()
        var diagnostics: [Diagnostic] = []
        var pageForFile: [String: String] = [:]
        for page in book.pages {
            pageForFile[String(page.path.split(separator: "/").last ?? "")] = page.fileName
        }
        let template = PageTemplate(book: book)
        for (index, page) in book.pages.enumerated() {
            var renderer = HTMLRenderer(pageForFile: pageForFile)
            let content = renderer.render(page.document)
            diagnostics += renderer.diagnostics
            site.add(page.fileName, template.document(pageIndex: index, content: content, outline: renderer.outline))
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        site.add("assets/style.css", Stylesheet.css)
        state.site = site
        return state
    }
}
