import CommonMark
import ExperimentKit
import XMLTree

/// Renders a page's resolved document tree as HTML element trees; the one place
/// that decides hrefs, so a page and its section of `print.html` link alike.
struct HTMLRenderer {
    /// How links and ids are written: one page per chapter, or the whole book on
    /// one page (`print.html`), where ids carry the chapter's slug.
    enum Layout: Equatable {
        case pages(slug: String)
        case singlePage(slug: String)
    }

    /// Chapter file names (`03-bce-vs-cce.md`) and their slugs.
    var slugForFile: [String: String]
    var layout: Layout
    private(set) var outline: [OutlineEntry] = []
    private(set) var diagnostics: [Diagnostic] = []
    private var slugger = Slugger()
    /// Ids that other elements of the page have already (figures, tables and
    /// equations by their labels, ids inside figures' SVG, ids in raw HTML), so
    /// `## fig-acc` does not take `fig:acc`'s id.
    let takenIds: Set<String>
    /// On the single page: chapters' section ids that are not their slugs (`PageTemplate.printChapterIds`).
    var chapterIds: [String: String] = [:]

    init(slugForFile: [String: String], layout: Layout, takenIds: Set<String> = []) {
        self.slugForFile = slugForFile
        self.layout = layout
        self.takenIds = takenIds
    }

    /// The id a heading gets, and the href of a link to it from this page.
    private func anchor(_ id: String) -> String {
        switch layout {
        case .pages: id
        case .singlePage(let slug): "\(slug)--\(id)"
        }
    }

    /// The href of a link to chapter `slug`, at `fragment` if given.
    private func href(toChapter slug: String, fragment: String?) -> String {
        switch layout {
        case .pages: slug + ".html" + (fragment.map { "#" + $0 } ?? "")
        case .singlePage: "#" + (fragment.map { "\(slug)--\($0)" } ?? chapterIds[slug] ?? slug)
        }
    }

    /// The href of a reference to `label` from this page. Labels' ids are unique in
    /// the whole book, so on the single page they need no prefix.
    private func href(to label: Label) -> String {
        switch layout {
        case .pages(let slug): label.slug == slug ? "#" + label.id : "\(label.slug).html#\(label.id)"
        case .singlePage: "#" + label.id
        }
    }

    mutating func render(_ document: DocumentNode) -> [Node] {
        renderBlocks(document.children, tight: false)
    }

    private mutating func renderBlocks(_ nodes: [DocumentNode], tight: Bool) -> [Node] {
        var out: [Node] = []
        for node in nodes {
            if case .markdown(.heading(level: 1)) = node.kind { continue }
            // In a tight list an item's paragraphs are shown without <p>.
            if tight, case .markdown(.paragraph) = node.kind {
                out += renderInlines(node.children)
            } else {
                out += renderBlock(node)
            }
            out.append(.text("\n"))
        }
        return out
    }

    private mutating func renderBlock(_ node: DocumentNode) -> [Node] {
        switch node.kind {
        case .markdown(let kind): renderMarkdownBlock(kind, node)
        case .resolved(.content(let content)): [content]
        case .resolved(.float(let float)): [renderFloat(float)]
        case .resolved(.reference(let label)): [.el("a", [["href": href(to: label)]], text: label.referenceText)]
        case .resolved(.citation(let items)): [renderCitation(items)]
        case .callout(let kind): [renderCallout(kind, node)]
        case .exercise(let exercise): [renderExercise(exercise, node)]
        // Rendered by its exercise.
        case .exerciseSolution: []
        case .calloutTitle: renderInlines(node.children)
        // `resolve` replaced all of these; a tree that was not resolved shows nothing of them.
        case .math, .derivation, .figure, .table, .listing, .value, .reference, .citation, .claim: []
        }
    }

    /// `(Zeiler, 2012; Guo et al., 2017)`, each linked to its entry in the page's
    /// reference list (`print.html` has one list, at its end, with the same ids).
    private func renderCitation(_ items: [(key: String, text: String)]) -> Node {
        var children: [Node] = [.text("(")]
        for (index, item) in items.enumerated() {
            if index > 0 { children.append(.text("; ")) }
            children.append(.el("a", [["href": "#" + ReferenceList.id(item.key)]], text: item.text))
        }
        return .el("span", [["class": "citation"]], children + [.text(")")])
    }

    /// A callout: a titled box with an icon, its kind in its class.
    private mutating func renderCallout(_ kind: Callout, _ node: DocumentNode) -> Node {
        let custom = node.children.first.map { renderInlines($0.children) } ?? []
        let title = Node.el("p", [["class": "callout-title"]], [kind.icon, .text(" ")] + (custom.isEmpty ? [.text(kind.defaultTitle)] : custom))
        return .el("div", [["class": "callout callout-\(kind.rawValue)"], ["role": "note"]],
                   [.text("\n"), title, .text("\n")] + renderBlocks(Array(node.children.dropFirst()), tight: false))
    }

    /// An exercise: its number, the question, and the solution folded away
    /// (open on the single page, which is for printing).
    private mutating func renderExercise(_ exercise: DocumentNode.Exercise, _ node: DocumentNode) -> Node {
        var attributes: [Attribute] = [["class": "exercise"]]
        if let label = exercise.label { attributes.append(["id": "\(label.kind.rawValue)-\(label.name)"]) }
        let title = Node.el("p", [["class": "exercise-title"]], text: "Exercise \(exercise.number ?? "")")
        let question = node.children.filter { if case .exerciseSolution = $0.kind { false } else { true } }
        var content: [Node] = [.text("\n"), title, .text("\n")] + renderBlocks(question, tight: false)
        if let solution = node.children.first(where: { if case .exerciseSolution = $0.kind { true } else { false } }) {
            var details: [Attribute] = [["class": "solution"]]
            if case .singlePage = layout { details.append(["open": ""]) }
            content += [.el("details", details, [.el("summary", text: "Solution"), .text("\n")] + renderBlocks(solution.children, tight: false)), .text("\n")]
        }
        return .el("section", attributes, content)
    }

    /// A figure or a table, its caption's references linked for this page.
    private mutating func renderFloat(_ float: DocumentNode.Float) -> Node {
        var caption: [Node] = []
        if let number = float.number { caption += [.el("span", [["class": "figure-number"]], text: number), .text(" ")] }
        caption += renderInlines(float.caption) + float.captionEnd
        let figcaption = Node.el("figcaption", [], caption)
        return .el("figure", float.attributes, float.captionFirst ? [figcaption, float.body] : [float.body, figcaption])
    }

    private mutating func renderMarkdownBlock(_ kind: MarkdownNode.Kind, _ node: DocumentNode) -> [Node] {
        switch kind {
        case .blockQuote:
            return [.el("blockquote", [], [.text("\n")] + renderBlocks(node.children, tight: false))]
        case .list(let info):
            var attributes: [Attribute] = []
            if info.ordered && info.start != 1 { attributes.append(Attribute("start", String(info.start))) }
            let items = node.children.flatMap { item -> [Node] in
                [.el("li", [], renderBlocks(item.children, tight: info.tight).dropLastNewline()), .text("\n")]
            }
            return [.el(info.ordered ? "ol" : "ul", attributes, [.text("\n")] + items)]
        case .item:
            return [.el("li", [], renderBlocks(node.children, tight: false))]
        case .codeBlock(let info, let literal):
            let language = Directive.name(ofInfo: info)
            let attributes = language.isEmpty ? [] : [Attribute("class", "language-\(language)")]
            let code = Highlighter(info: language)?.highlight(literal) ?? [.text(literal)]
            return [.el("pre", [], [.el("code", attributes, code)])]
        case .htmlBlock(let html):
            return [.raw(html)]
        case .paragraph:
            return [.el("p", [], renderInlines(node.children))]
        case .heading(let level):
            let title = node.plainText.trimmingWhitespace()
            // The page template shows the title (with the chapter number) as the one <h1>.
            if level == 1 { return [] }
            let taken = takenIds, anchorOf = anchor
            let id = anchor(slugger.slug(for: title) { taken.contains(anchorOf($0)) })
            if level <= 3 { outline.append(OutlineEntry(level: level, id: id, title: title)) }
            let link = Node.el("a", [["class": "heading-link"], ["href": "#\(id)"], ["aria-label": "Link to this section"]], text: "#")
            // On the single page the book title is the <h1> and chapter titles are <h2>.
            let shown = if case .pages = layout { level } else { min(level + 1, 6) }
            return [.el("h\(shown)", [["id": id]], renderInlines(node.children) + [.text(" "), link])]
        case .thematicBreak:
            return [.el("hr")]
        case .document, .math:
            // Neither stands inside a page's tree (`parse` turned math into ours).
            return []
        default:
            // Inline content at block level cannot come from cmark; render it anyway.
            return renderInlines([node])
        }
    }

    private mutating func renderInlines(_ nodes: [DocumentNode]) -> [Node] {
        nodes.flatMap { renderInline($0) }
    }

    private mutating func renderInline(_ node: DocumentNode) -> [Node] {
        guard case .markdown(let kind) = node.kind else { return renderBlock(node) }
        switch kind {
        case .text(let text): return [.text(text)]
        case .softBreak: return [.text("\n")]
        case .lineBreak: return [.el("br"), .text("\n")]
        case .code(let code): return [.el("code", text: code)]
        case .htmlInline(let html): return [.raw(html)]
        case .emphasis: return [.el("em", [], renderInlines(node.children))]
        case .strong: return [.el("strong", [], renderInlines(node.children))]
        case .link(let destination, let title):
            var attributes = [Attribute("href", resolve(destination, at: node))]
            if !title.isEmpty { attributes.append(Attribute("title", title)) }
            return [.el("a", attributes, renderInlines(node.children))]
        case .image(let destination, let title):
            if node.plainText.allSatisfy(\.isWhitespace) {
                let location = node.range?.start
                diagnostics.append(Diagnostic(path: location?.file ?? "", line: location?.line, column: location?.column,
                                              message: "image '\(destination)' has no alt text: write ![what it shows](\(destination))"))
            }
            var attributes = [Attribute("src", resolve(destination, at: node)), Attribute("alt", node.plainText)]
            if !title.isEmpty { attributes.append(Attribute("title", title)) }
            return [.el("img", attributes)]
        default:
            return renderMarkdownBlock(kind, node)
        }
    }

    /// Links to chapter files (`02-loss-vs-fscore.md#x`) become links to their pages;
    /// a link to a Markdown file that is not a chapter is an error.
    private mutating func resolve(_ destination: String, at node: DocumentNode) -> String {
        guard !destination.contains("://"), !destination.hasPrefix("mailto:") else { return destination }
        if destination.hasPrefix("#") { return "#" + anchor(String(destination.dropFirst())) }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = String(parts[0])
        guard file.hasSuffix(".md") else { return destination }
        let name = String(file.split(separator: "/").last ?? "")
        guard let slug = slugForFile[name] else {
            let location = node.range?.start
            diagnostics.append(Diagnostic(path: location?.file ?? "", line: location?.line, column: location?.column,
                                          message: "link to '\(file)', which is not a chapter of this book"))
            return destination
        }
        return href(toChapter: slug, fragment: parts.count > 1 ? String(parts[1]) : nil)
    }
}

extension Array where Element == Node {
    func dropLastNewline() -> [Node] {
        last == .text("\n") ? Array(dropLast()) : self
    }
}
