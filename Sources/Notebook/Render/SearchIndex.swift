import Foundation
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
    /// decoded, and, as for element trees, display math and TeX annotations skipped. A scan of
    /// the UTF-8 bytes (the delimiters are ASCII): by `Character` it was a tenth of a full build.
    private static func appendMarkupText(_ markup: String, to text: inout String) {
        var markup = markup
        markup.withUTF8 { bytes in
            let count = bytes.count
            func find(_ byte: UInt8, from start: Int) -> Int? {
                var index = start
                while index < count, bytes[index] != byte { index += 1 }
                return index < count ? index : nil
            }
            /// The index just past the first `needle` at or after `start`.
            func end(of needle: StaticString, from start: Int) -> Int? {
                let length = needle.utf8CodeUnitCount
                var index = start
                while index + length <= count {
                    if memcmp(bytes.baseAddress! + index, needle.utf8Start, length) == 0 { return index + length }
                    index += 1
                }
                return nil
            }
            func append(_ range: Range<Int>) {
                guard !range.isEmpty else { return }
                text += decoded(String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self))
            }
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
            var run = 0
            while let open = find(UInt8(ascii: "<"), from: run) {
                append(run..<open)
                guard let close = find(UInt8(ascii: ">"), from: open + 1) else { return }
                var nameEnd = open + 1
                while nameEnd < close, !isSpace(bytes[nameEnd]), bytes[nameEnd] != UInt8(ascii: "/") { nameEnd += 1 }
                let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<nameEnd]), as: UTF8.self)
                let tag = String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
                run = close + 1
                if name == "annotation" || (name == "math" && tag.contains("display=\"block\"")) {
                    guard let after = name == "math" ? end(of: "</math>", from: run) : end(of: "</annotation>", from: run) else { return }
                    run = after
                } else if name == "div" || name == "p" || name == "br" {
                    text += " "
                }
            }
            append(run..<count)
        }
    }

    /// Character references decoded; most text has none.
    private static func decoded(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The index and the script that reads it, added to the site (`Render.run`, when search is on).
    /// `lines`: each page's sections as `lines(_:)` writes them (kept by the page memo).
    static func add(to site: inout Site, book: Book, lines: [String]) {
        let pages = book.pages.map { page in
            Page(file: page.fileName, title: page.number.map { "\($0) \(page.title)" } ?? "Preface")
        }
        site.files["assets/search-index.js"] = scriptFile(pages: pages, lines: lines)
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

    /// Runs of whitespace as one space, none at the ends; on the UTF-8 bytes, a character
    /// beyond ASCII decoded only to ask whether it is white space (scalar by scalar into a
    /// String, this was a fortieth of a large book's full build).
    private static func collapsed(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var space = false, index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                let isWhitespace: Bool
                if length == 1 {
                    isWhitespace = lead == 0x20 || (0x09...0x0D).contains(lead)
                } else {
                    var value = UInt32(lead & (0xFF >> (length + 1)))
                    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
                    isWhitespace = Unicode.Scalar(value)?.properties.isWhitespace ?? false
                }
                if isWhitespace {
                    space = !out.isEmpty
                } else {
                    if space { out.append(0x20) }
                    space = false
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
                }
                index += length
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Characters of a section kept as running text, for the snippets.
    static let runningTextLimit = 2000

    /// A long section's first `runningTextLimit` characters (cut at a space), then " … " and
    /// each word of the rest that the kept text lacks, once: every word stays findable while the
    /// index stays small (it is downloaded whole on first use).
    static func compacted(_ text: String) -> String {
        // No more bytes than the limit: no more characters either, and counting them is a walk of the text.
        guard text.utf8.count > runningTextLimit, text.count > runningTextLimit else { return text }
        var head = String(text.prefix(runningTextLimit))
        if let space = head.lastIndex(of: " ") { head = String(head[..<space]) }
        var seen = Set(words(in: head[...]).map { $0.lowercased() })
        var extra: [Substring] = []
        for word in words(in: text[text.index(text.startIndex, offsetBy: head.count)...]) where seen.insert(word.lowercased()).inserted {
            extra.append(word)
        }
        return extra.isEmpty ? head : head + " … " + extra.joined(separator: " ")
    }

    /// The runs of letters and digits in `text`, scalar by scalar, ASCII without a property
    /// lookup (split by `Character` this was a twentieth of a full build).
    private static func words(in text: Substring) -> [Substring] {
        var words: [Substring] = []
        var start: String.Index?
        let scalars = text.unicodeScalars
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let isWordScalar: Bool
            if scalar.isASCII {
                let value = scalar.value | 0x20
                isWordScalar = (0x61...0x7A).contains(value) || (0x30...0x39).contains(scalar.value)
            } else {
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: isWordScalar = true
                // A combining mark belongs to the character before it (π̂ is one letter), as for `Character`.
                case .nonspacingMark, .spacingMark, .enclosingMark: isWordScalar = start != nil
                default: isWordScalar = scalar.properties.numericType != nil
                }
            }
            if isWordScalar {
                if start == nil { start = index }
            } else if let first = start {
                words.append(text[first..<index])
                start = nil
            }
            index = scalars.index(after: index)
        }
        if let first = start { words.append(text[first...]) }
        return words
    }

    /// `assets/search-index.js`: `window.DOCGEN_SEARCH_INDEX = {"pages": [[file, title], …],
    /// "sections": [[page, id, heading, text], …]};`, deterministic, one section a line.
    var script: String { Self.script(pages: pages, lines: [Self.lines(sections)]) }

    /// The script from each page's lines (`lines(_:)`), pages without sections left out.
    static func script(pages: [Page], lines: [String]) -> String {
        String(decoding: scriptFile(pages: pages, lines: lines).bytes ?? [], as: UTF8.self)
    }

    /// `script` as pieces, each page's lines one (a textbook's index is megabytes: not joined).
    static func scriptFile(pages: [Page], lines: [String]) -> SiteFile {
        var head = "// The search index of this book, written by docgen; assets/search.js loads it on first use.\n"
        head += "window.DOCGEN_SEARCH_INDEX = {\"pages\": [\n"
        head += pages.map { "[\(jsonStringLiteral($0.file)), \(jsonStringLiteral($0.title))]" }.joined(separator: ",\n")
        head += "\n], \"sections\": [\n"
        var pieces = [Array(head.utf8)]
        for (index, line) in lines.filter({ !$0.isEmpty }).enumerated() {
            if index > 0 { pieces.append(Array(",\n".utf8)) }
            pieces.append(Array(line.utf8))
        }
        pieces.append(Array("\n]};\n".utf8))
        return SiteFile(pieces: pieces)
    }
}
