import XMLTree

/// The frame around every page: header, chapter list, outline, pager, footer.
struct PageTemplate {
    let book: Book

    func document(pageIndex: Int, content: [Node], outline: [OutlineEntry]) -> String {
        let page = book.pages[pageIndex]
        let title = page.number == nil ? book.title : "\(label(page)) · \(book.title)"
        let head = Node.el("head", [], [
            .el("meta", [["charset": "utf-8"]]),
            .el("meta", [["name": "viewport"], ["content": "width=device-width, initial-scale=1"]]),
            .el("title", text: title),
            .el("link", [["rel": "stylesheet"], ["href": "assets/style.css"]]),
        ].interleaved())
        let body = Node.el("body", [], [
            .el("a", [["class": "skip-link"], ["href": "#content"]], text: "Skip to content"),
            header(),
            .el("div", [["class": "layout"]], [
                sidebar(current: pageIndex),
                .el("main", [["id": "content"]], [
                    .el("article", [], [.text("\n")] + heading(page) + content),
                    pager(pageIndex),
                ].interleaved()),
                outlineNav(outline),
            ].compactMap { $0 }.interleaved()),
            footer(page),
        ].interleaved())
        let html = Node.el("html", [["lang": "en"]], [head, body].interleaved())
        return "<!DOCTYPE html>\n" + html.serialized(.html) + "\n"
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

    private func header() -> Node {
        .el("header", [["class": "site-header"]], [
            .el("a", [["class": "book-title"], ["href": "index.html"]], text: book.title),
            .el("a", [["class": "contents-link"], ["href": "#chapters"]], text: "Contents"),
        ])
    }

    private func sidebar(current: Int) -> Node {
        let items = book.pages.enumerated().map { index, page -> Node in
            var link: [Attribute] = [["href": page.fileName]]
            if index == current { link.append(["aria-current": "page"]) }
            var text: [Node] = []
            if let number = page.number { text += [.el("span", [["class": "chapter-number"]], text: String(number)), .text(" ")] }
            text.append(.text(page.number == nil ? "Preface" : page.title))
            return .el("li", index == current ? [["class": "current"]] : [], [.el("a", link, text)])
        }
        return .el("nav", [["class": "sidebar"], ["id": "chapters"], ["aria-label": "Chapters"]], [
            .el("p", [["class": "nav-title"]], text: "Chapters"),
            .el("ol", [["class": "chapter-list"]], items.interleaved()),
        ].interleaved())
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
        .el("footer", [["class": "site-footer"]], [
            .el("p", [], [
                .text("Built by docgen from "), .el("code", text: String(page.path.split(separator: "/").last ?? "")),
                .text(". The pages work offline, with no scripts."),
            ]),
        ])
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
