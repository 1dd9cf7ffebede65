import CommonMark
import XMLTree

/// Renders a chapter's Markdown tree as HTML element trees.
///
/// Our own walker rather than cmark's renderer, so that later stages can give
/// their own output for math, directives and code.
struct HTMLRenderer {
    /// How links and ids are written: one page per chapter, or the whole book on
    /// one page (`print.html`), where ids carry the chapter's slug.
    enum Layout: Equatable {
        case pages(slug: String)
        case singlePage(slug: String)
    }

    /// Links to numbered things (`docgen-ref:slug#eq-nll`); their ids are unique in
    /// the whole book, so on the single page they need no prefix.
    static let referenceScheme = "docgen-ref:"

    /// Chapter file names (`03-bce-vs-cce.md`) and their slugs.
    var slugForFile: [String: String]
    var layout: Layout
    /// Rendered directive blocks by the place of their fence.
    var blocks: [SourceLocation: Node] = [:]
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

    mutating func render(_ document: MarkdownNode) -> [Node] {
        renderBlocks(document.children, tight: false)
    }

    private mutating func renderBlocks(_ nodes: [MarkdownNode], tight: Bool) -> [Node] {
        var out: [Node] = []
        for node in nodes where node.kind != .heading(level: 1) {
            // In a tight list an item's paragraphs are shown without <p>.
            if tight, node.kind == .paragraph {
                out += renderInlines(node.children)
            } else {
                out += renderBlock(node)
            }
            out.append(.text("\n"))
        }
        return out
    }

    private mutating func renderBlock(_ node: MarkdownNode) -> [Node] {
        switch node.kind {
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
            if let start = node.range?.start, let rendered = blocks[start] { return [rendered] }
            let language = info.split(separator: " ").first.map(String.init) ?? ""
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
        case .math(let math):
            return [.el("div", [["class": "math"]], text: math.tex)]
        default:
            // Inline content at block level cannot come from cmark; render it anyway.
            return renderInlines([node])
        }
    }

    private mutating func renderInlines(_ nodes: [MarkdownNode]) -> [Node] {
        nodes.flatMap { renderInline($0) }
    }

    private mutating func renderInline(_ node: MarkdownNode) -> [Node] {
        switch node.kind {
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
        case .math(let math):
            return [.el("span", [["class": "math"]], text: math.tex)]
        default:
            return renderBlock(node)
        }
    }

    /// Links to chapter files (`02-loss-vs-fscore.md#x`) become links to their pages;
    /// a link to a Markdown file that is not a chapter is an error.
    private mutating func resolve(_ destination: String, at node: MarkdownNode) -> String {
        if destination.hasPrefix(Self.referenceScheme) {
            let target = destination.dropFirst(Self.referenceScheme.count).split(separator: "#", maxSplits: 1)
            switch layout {
            case .pages(let slug) where slug == target[0]: return "#" + target[1]
            case .pages: return "\(target[0]).html#\(target[1])"
            case .singlePage: return "#" + target[1]
            }
        }
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
