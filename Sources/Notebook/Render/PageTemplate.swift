import XMLTree

/// The frame around every page: header, chapter list, outline, pager, footer.
struct PageTemplate {
    let book: Book
    /// Every page's slug, once (a page's memo entry keeps the element ids that could take one).
    let slugs: Set<String>
    /// The ids of chapters' sections in print.html where a chapter's slug is
    /// another element's id there (a chapter `fig-acc` beside a label `fig:acc`).
    var printChapterIds: [String: String] = [:]
    /// Whether the book cites: then every page links to references.html.
    var listsReferences = false

    init(book: Book) {
        self.book = book
        slugs = Set(book.pages.map(\.slug))
    }

    /// The id of `page`'s section in print.html: its slug unless that was taken.
    func printId(_ page: Chapter) -> String { printChapterIds[page.slug] ?? page.slug }

    func document(pageIndex: Int, content: [Node], outline: [OutlineEntry]) -> String {
        let page = book.pages[pageIndex]
        let title = page.number == nil ? book.title : "\(label(page)) · \(book.title)"
        let head = head(title: title)
        let body = Node.el("body", [], [
            .el("a", [["class": "skip-link"], ["href": "#content"]], text: "Skip to content"),
            header(),
            .el("div", [["class": "layout"]], [
                sidebar(current: pageIndex, outline: outline),
                .el("main", [["id": "content"]], [
                    .el("article", [], [.text("\n")] + heading(page) + (page.number == nil ? byline().flatMap { [$0, .text("\n")] } : []) + content),
                    pager(pageIndex),
                ].interleaved()),
                outlineNav(outline),
            ].compactMap { $0 }.interleaved()),
            footer(page),
        ].interleaved())
        return html(head, body)
    }

    /// The `<head>` every page has: charset, viewport, its title, book.yml's description
    /// and authors, and the stylesheet.
    private func head(title: String, search: Bool = true) -> Node {
        let settings = book.settings
        return .el("head", [], [
            .el("meta", [["charset": "utf-8"]]),
            .el("meta", [["name": "viewport"], ["content": "width=device-width, initial-scale=1"]]),
            .el("title", text: title),
            settings.description.map { .el("meta", [["name": "description"], ["content": $0]]) },
            settings.authors.isEmpty ? nil : .el("meta", [["name": "author"], ["content": settings.authors.joined(separator: ", ")]]),
            .el("link", [["rel": "stylesheet"], ["href": "assets/style.css"]]),
            search && settings.search ? .el("script", [["src": "assets/search.js"], ["defer": ""]]) : nil,
        ].compactMap { $0 }.interleaved())
    }

    /// `<html lang="…">` around a page: book.yml's language, English by default.
    private func html(_ head: Node, _ body: Node) -> String {
        let html = Node.el("html", [["lang": book.settings.language]], [head, body].interleaved())
        return "<!DOCTYPE html>\n" + html.serialized(.html) + "\n"
    }

    /// book.yml's subtitle and authors, under the book's title on the preface and in print.html.
    private func byline() -> [Node] {
        var nodes: [Node] = []
        if let subtitle = book.settings.subtitle { nodes.append(.el("p", [["class": "subtitle"]], text: subtitle)) }
        let authors = book.settings.authors
        if !authors.isEmpty {
            let names = authors.count == 1 ? authors[0]
                : authors.dropLast().joined(separator: ", ") + " and " + authors[authors.count - 1]
            nodes.append(.el("p", [["class": "authors"]], text: names))
        }
        return nodes
    }

    /// "3 Binary or categorical cross-entropy?" for chapters, the title for the preface.
    private func label(_ page: Chapter) -> String {
        page.number.map { "\($0) \(page.title)" } ?? page.title
    }

    private func heading(_ page: Chapter) -> [Node] {
        var children: [Node] = []
        if let number = page.number {
            children += [.el("span", [["class": "chapter-number"]], text: String(number)), .text(" ")]
        }
        children.append(.text(page.title))
        return [.el("h1", [], children), .text("\n")]
    }

    /// The site header; on phones its "Contents" link jumps to the chapter list.
    private func header(contentsLink: Bool = true) -> Node {
        var children: [Node] = [.el("a", [["class": "book-title"], ["href": "index.html"]], text: book.title)]
        if contentsLink && book.settings.search { children.append(searchField) }
        if contentsLink { children.append(.el("a", [["class": "contents-link"], ["href": "#chapters"]], text: "Contents")) }
        return .el("header", [["class": "site-header"]], children)
    }

    /// The search field (book.yml's `search: true`): hidden until assets/search.js shows
    /// it, so a reader without scripts is offered nothing that does not work.
    private var searchField: Node {
        .el("div", [["class": "search"], ["id": "search"], ["role": "search"], ["data-index": "assets/search-index.js"], ["hidden": ""]], [
            .el("input", [
                ["type": "search"], ["id": "search-input"], ["placeholder": "Search the book (/)"], ["aria-label": "Search the book"],
                ["autocomplete": "off"], ["spellcheck": "false"], ["role": "combobox"], ["aria-expanded": "false"],
                ["aria-controls": "search-results"], ["aria-autocomplete": "list"],
            ]),
            .el("ol", [["class": "search-results"], ["id": "search-results"], ["role": "listbox"], ["aria-label": "Search results"], ["hidden": ""]]),
        ])
    }

    /// What the footer says about scripts: none, or the one that runs the search field.
    private var scriptsNote: String {
        book.settings.search
            ? "The pages work offline; their one script, assets/search.js, runs the search field, and everything else works without it."
            : "The pages work offline, with no scripts."
    }

    private func sidebar(current: Int, outline: [OutlineEntry]) -> Node {
        let items = book.pages.enumerated().map { index, page -> Node in
            var link: [Attribute] = [["href": page.fileName]]
            if index == current { link.append(["aria-current": "page"]) }
            var text: [Node] = []
            if let number = page.number { text += [.el("span", [["class": "chapter-number"]], text: String(number)), .text(" ")] }
            text.append(.text(page.number == nil ? "Preface" : page.title))
            var children: [Node] = [.el("a", link, text)]
            // The current chapter also lists its sections.
            let sections = outline.filter { $0.level == 2 }
            if index == current && !sections.isEmpty {
                children.append(.el("ul", [["class": "section-list"]], sections.map { entry in
                    .el("li", [], [.el("a", [["href": "#\(entry.id)"]], text: entry.title)])
                }.interleaved()))
            }
            return .el("li", index == current ? [["class": "current"]] : [], children)
        }
        return .el("nav", [["class": "sidebar"], ["id": "chapters"], ["aria-label": "Chapters"]], [
            .el("p", [["class": "nav-title"]], text: "Chapters"),
            .el("ol", [["class": "chapter-list"]], items.interleaved()),
            listsReferences ? .el("p", [["class": "print-link"]], [referencesLink(current: current)]) : nil,
            .el("p", [["class": "print-link"]], [.el("a", [["href": GeneratedPage.print.fileName]], text: "The whole book on one page")]),
        ].compactMap { $0 }.interleaved())
    }

    private func referencesLink(current: Int) -> Node {
        var attributes: [Attribute] = [["href": GeneratedPage.references.fileName]]
        if current == Self.referencesPage { attributes.append(["aria-current": "page"]) }
        return .el("a", attributes, text: "References")
    }

    /// `sidebar(current:)` of references.html: no chapter is current.
    private static let referencesPage = -1

    /// Every entry of the bibliography, in the frame of the chapter pages.
    func referencesDocument(list: Node) -> String {
        let head = head(title: "References · \(book.title)")
        let body = Node.el("body", [], [
            .el("a", [["class": "skip-link"], ["href": "#content"]], text: "Skip to content"),
            header(),
            .el("div", [["class": "layout"]], [
                sidebar(current: Self.referencesPage, outline: []),
                .el("main", [["id": "content"]], [
                    .el("article", [], [.text("\n"), .el("h1", [], text: "References"), .text("\n"),
                                        .el("p", [], text: "Every work the book cites, by first author."), .text("\n"), list, .text("\n")]),
                ].interleaved()),
            ].interleaved()),
            .el("footer", [["class": "site-footer"]], [.el("p", [], text: "Built by docgen from references.bib. " + scriptsNote)]),
        ].interleaved())
        return html(head, body)
    }

    /// One chapter as a section of `print.html`.
    func printSection(_ page: Chapter, content: [Node]) -> Node {
        var title: [Node] = []
        if let number = page.number {
            title += [.el("span", [["class": "chapter-number"]], text: String(number)), .text(" ")]
        }
        title.append(.text(page.number == nil ? "Preface" : page.title))
        return .el("section", [["class": "print-chapter"], ["id": printId(page)]], [.text("\n"), .el("h2", [], title), .text("\n")] + content)
    }

    /// The whole book on one page, for printing to PDF.
    func printDocument(sections: [Node]) -> String {
        let contents = book.pages.map { page -> Node in
            .el("li", [], [.el("a", [["href": "#\(printId(page))"]], text: page.number == nil ? "Preface" : label(page))])
        }
        let head = head(title: "\(book.title) (the whole book)", search: false)
        let body = Node.el("body", [["class": "print-book"]], [
            .el("a", [["class": "skip-link"], ["href": "#content"]], text: "Skip to content"),
            header(contentsLink: false),
            .el("main", [["id": "content"]], [
                .el("article", [], ([.el("h1", [], text: book.title)] + byline() + [
                    .el("nav", [["class": "print-contents"], ["aria-label": "Contents"]], [.el("ul", [], contents.interleaved())]),
                ]).interleaved() + sections.interleaved()),
            ]),
            .el("footer", [["class": "site-footer"]], [.el("p", [], text: "Built by docgen. Print this page to get the whole book as one PDF.")]),
        ].interleaved())
        return html(head, body)
    }

    private func outlineNav(_ outline: [OutlineEntry]) -> Node? {
        guard !outline.isEmpty else { return nil }
        let items = outline.map { entry -> Node in
            .el("li", [["class": "level-\(entry.level)"]], [.el("a", [["href": "#\(entry.id)"]], text: entry.title)])
        }
        return .el("nav", [["class": "outline"], ["id": "outline"], ["aria-label": "On this page"]], [
            .el("p", [["class": "nav-title"]], text: "On this page"),
            .el("ul", [], items.interleaved()),
        ].interleaved())
    }

    private func pager(_ index: Int) -> Node {
        var links: [Node] = []
        if index > 0 {
            let previous = book.pages[index - 1]
            links.append(.el("a", [["class": "previous"], ["rel": "prev"], ["href": previous.fileName]], [
                .el("span", [["class": "pager-direction"]], text: "Previous"), .text(" "),
                .el("span", [["class": "pager-title"]], text: label(previous)),
            ]))
        }
        if index + 1 < book.pages.count {
            let next = book.pages[index + 1]
            links.append(.el("a", [["class": "next"], ["rel": "next"], ["href": next.fileName]], [
                .el("span", [["class": "pager-direction"]], text: "Next"), .text(" "),
                .el("span", [["class": "pager-title"]], text: label(next)),
            ]))
        }
        return .el("nav", [["class": "pager"], ["aria-label": "Previous and next"]], links)
    }

    private func footer(_ page: Chapter) -> Node {
        let file = String(page.path.split(separator: "/").last ?? "")
        var source: Node = .el("code", text: file)
        if let repository = book.settings.repository {
            source = .el("a", [["class": "source-link"], ["href": "\(repository)/blob/HEAD/\(Self.sourcePath(page))"]], [source])
        }
        return .el("footer", [["class": "site-footer"]], [
            .el("p", [], [
                .text("Built by docgen from "), source,
                .text(". " + scriptsNote),
            ]),
        ])
    }

    /// The chapter's file in the book's repository: its path as docgen was given it
    /// (`chapters/01-intro.md`), or `chapters/FILE` when that path was absolute or outside.
    static func sourcePath(_ page: Chapter) -> String {
        var parts = page.path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.first == "." { parts.removeFirst() }
        if page.path.hasPrefix("/") || parts.contains("..") || parts.count < 2 {
            return "chapters/" + (parts.last ?? "")
        }
        return parts.filter { $0 != "." && !$0.isEmpty }.joined(separator: "/")
    }
}

extension Array where Element == Node {
    /// Puts a newline between sibling elements so the HTML source reads well.
    func interleaved() -> [Node] {
        var out: [Node] = [.text("\n")]
        for node in self { out += [node, .text("\n")] }
        return out
    }
}
