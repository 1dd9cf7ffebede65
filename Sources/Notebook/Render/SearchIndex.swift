import XMLTree

/// The static search index of a book with `search: true` (issue 25): every
/// section of every page (its chapter, heading, anchor and plain text), written
/// as `assets/search-index.js`, a script that assigns one global. A script and
/// not JSON, because pages opened from disk (file://) may load a script but not
/// `fetch()` a file; `assets/search.js` adds the tag on first use.
struct SearchIndex {
    /// One section: the text from a `##` or `###` heading to the next one (or
    /// from the title to the first heading), on one page.
    struct Section: Equatable {
        var page: Int
        /// The heading's id; "" for the text before the first heading.
        var id: String
        var heading: String
        var text: String
    }

    /// A page as the results name it: its file and "3 Chapter title" (or "Preface").
    struct Page: Equatable {
        var file: String
        var title: String
    }

    var pages: [Page] = []
    var sections: [Section] = []

    /// Elements whose text is not prose a reader searches for: math (MathML and
    /// its TeX), figures' SVG, code blocks, the heading links, and the notes at the
    /// foot of a page (where the numbers come from, the claims checked).
    private static let skippedElements: Set<String> = ["math", "svg", "pre", "script", "style"]
    private static let skippedClasses: Set<String> = ["heading-link", "provenance", "checks"]

    /// A page's sections, from its rendered content (the `<article>`'s children) and its outline.
    static func sections(page: Int, title: String, content: [Node], outline: [OutlineEntry]) -> [Section] {
        let headings = Dictionary(outline.filter { $0.level <= 3 }.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        var sections = [Section(page: page, id: "", heading: title, text: "")]
        var text = ""
        func finish() {
            sections[sections.count - 1].text = compacted(collapsed(text))
            text = ""
        }
        for node in content {
            if case .element(let element) = node, ["h2", "h3"].contains(element.name),
               let id = element[attribute: "id"], let heading = headings[id] {
                finish()
                sections.append(Section(page: page, id: id, heading: heading, text: ""))
                continue
            }
            appendText(of: node, to: &text)
        }
        finish()
        // The text before the first heading is a section only when there is some.
        return sections.enumerated().filter { $0.offset > 0 || !$0.element.text.isEmpty }.map(\.element)
    }

    private static func appendText(of node: Node, to text: inout String) {
        switch node {
        case .text(let string):
            text += string
        case .element(let element):
            // Inline math keeps its symbols (β, not \beta); display math and the TeX annotations go.
            if element.name == "math" && element[attribute: "display"] != "block" {
                for child in element.children { appendMathText(of: child, to: &text) }
                return
            }
            if skippedElements.contains(element.name) { return }
            if let classes = element[attribute: "class"], classes.split(separator: " ").contains(where: { skippedClasses.contains(String($0)) }) {
                return
            }
            // Block elements end a word: "…first paragraph.Second" would otherwise run together.
            let block = ["p", "li", "figcaption", "td", "th", "div", "section", "blockquote", "summary", "dd", "dt", "h4", "br"].contains(element.name)
            for child in element.children { appendText(of: child, to: &text) }
            if block { text += " " }
        case .raw(let markup) where markup.hasPrefix("<math") || markup.hasPrefix("<div"):
            appendMarkupText(markup, to: &text)
        case .raw, .comment:
            return
        }
    }

    /// The text of a formula or derivation that resolve kept as markup: tags dropped, entities
    /// decoded, and, as for element trees, display math and TeX annotations skipped.
    private static func appendMarkupText(_ markup: String, to text: inout String) {
        var rest = Substring(markup)
        while let open = rest.firstIndex(of: "<") {
            text += decoded(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { return }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            let name = tag.prefix { !$0.isWhitespace && $0 != "/" }
            let skipTo: String? = name == "annotation" ? "</annotation>"
                : name == "math" && tag.contains("display=\"block\"") ? "</math>" : nil
            if let end = skipTo {
                guard let range = rest.range(of: end) else { return }
                rest = rest[range.upperBound...]
            } else if ["div", "p", "br"].contains(String(name.drop { $0 == "/" })) {
                text += " "
            }
        }
        text += decoded(rest)
    }

    private static func decoded(_ text: Substring) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The index and the script that reads it, added to the site (`Render.run`, when search is on).
    /// `lines`: each page's sections as `lines(_:)` writes them (kept by the page memo).
    static func add(to site: inout Site, book: Book, lines: [String]) {
        let pages = book.pages.map { page in
            Page(file: page.fileName, title: page.number.map { "\($0) \(page.title)" } ?? "Preface")
        }
        site.add("assets/search-index.js", script(pages: pages, lines: lines))
        site.add("assets/search.js", SearchScript.javascript)
    }

    /// One page's sections as lines of the index, one a line ("" for none).
    static func lines(_ sections: [Section]) -> String {
        sections.map { "[\($0.page), \(jsonStringLiteral($0.id)), \(jsonStringLiteral($0.heading)), \(jsonStringLiteral($0.text))]" }.joined(separator: ",\n")
    }

    private static func appendMathText(of node: Node, to text: inout String) {
        guard case .element(let element) = node else {
            if case .text(let string) = node { text += string }
            return
        }
        if element.name == "annotation" { return }
        for child in element.children { appendMathText(of: child, to: &text) }
    }

    /// Runs of whitespace as one space, none at the ends.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Characters of a section kept as running text, for the snippets.
    static let runningTextLimit = 2000

    /// A long section's first `runningTextLimit` characters (cut at a space), then " … " and
    /// each word of the rest that the kept text lacks, once: every word stays findable while the
    /// index stays small (it is downloaded whole on first use).
    static func compacted(_ text: String) -> String {
        guard text.count > runningTextLimit else { return text }
        var head = String(text.prefix(runningTextLimit))
        if let space = head.lastIndex(of: " ") { head = String(head[..<space]) }
        var seen = Set(head.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        var extra: [Substring] = []
        for word in text.dropFirst(head.count).split(whereSeparator: { !$0.isLetter && !$0.isNumber }) where seen.insert(word.lowercased()).inserted {
            extra.append(word)
        }
        return extra.isEmpty ? head : head + " … " + extra.joined(separator: " ")
    }

    /// `assets/search-index.js`: `window.DOCGEN_SEARCH_INDEX = {"pages": [[file, title], …],
    /// "sections": [[page, id, heading, text], …]};`, deterministic, one section a line.
    var script: String { Self.script(pages: pages, lines: [Self.lines(sections)]) }

    /// The script from each page's lines (`lines(_:)`), pages without sections left out.
    static func script(pages: [Page], lines: [String]) -> String {
        var out = "// The search index of this book, written by docgen; assets/search.js loads it on first use.\n"
        out += "window.DOCGEN_SEARCH_INDEX = {\"pages\": [\n"
        out += pages.map { "[\(jsonStringLiteral($0.file)), \(jsonStringLiteral($0.title))]" }.joined(separator: ",\n")
        out += "\n], \"sections\": [\n"
        out += lines.filter { !$0.isEmpty }.joined(separator: ",\n")
        out += "\n]};\n"
        return out
    }
}
