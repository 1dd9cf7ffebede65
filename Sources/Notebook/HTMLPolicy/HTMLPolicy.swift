import CommonMark

/// What raw HTML and URLs a chapter may put into a page. Every page's footer promises "no
/// scripts"; raw HTML is passed through as written, so the promise holds only if what an
/// author writes cannot run script either. Refused, each an error at its `file:line:col`:
///
/// - elements that run script or bring in documents that can (`script`, `iframe`, `frame`,
///   `frameset`, `object`, `embed`, `applet`, `portal`, `fencedframe`), that navigate or send
///   the reader elsewhere by themselves (`meta`, `base`, `form`), that load from elsewhere
///   (`link`), and SVG animations (`set`, `animate…`), which can rewrite a link after it was
///   checked;
/// - event handler attributes (`on…`), in any case;
/// - URLs (link and image destinations, autolinks, and URL attributes such as `href`, `src`,
///   `action`, `formaction`, `srcset`, `xlink:href`) other than those `URLPolicy` allows, read
///   as browsers read them: character references decoded, tabs and line breaks removed, case
///   ignored; and a script URL in any other attribute;
/// - CSS that loads anything or runs script (`CSSPolicy`), and a `<style>` element that does
///   not end in the same piece of HTML (the prose after it would become CSS);
/// - raw HTML that ends inside a tag or comment, which would swallow the prose after it.
///
/// Tags are looked for everywhere in raw HTML, comments included: a comment that hides a
/// `<script>` from one browser may not hide it from another.
///
/// Public only so that the fuzz harness in `Fuzz/` can reach `check` (`@_spi(Fuzzing)`); the
/// parse stage is its one real caller.
public enum HTMLPolicy {
    static let refusedElements: [String: String] = {
        var reasons: [String: String] = [
            "script": "it runs a script, and the pages carry none",
            "form": "a form sends what the reader types to another page",
            "base": "it changes where every link of the page leads",
            "meta": "it can reload or redirect the page (http-equiv=refresh), and a chapter has no use for it",
            "link": "it loads stylesheets or other files from elsewhere into the page",
        ]
        for name in ["iframe", "frame", "frameset", "object", "embed", "applet", "portal", "fencedframe"] {
            reasons[name] = "it embeds another document, which can run scripts"
        }
        for name in ["set", "animate", "animatemotion", "animatetransform", "animatecolor"] {
            reasons[name] = "an SVG animation can turn a link into a script URL after the page was checked"
        }
        return reasons
    }()

    /// Attributes that hold a URL the browser fetches or follows.
    static let urlAttributes: Set<String> = [
        "href", "src", "srcset", "imagesrcset", "action", "formaction", "data", "poster", "background", "cite",
        "longdesc", "lowsrc", "dynsrc", "codebase", "classid", "archive", "ping", "manifest", "icon", "profile",
        "usemap", "itemtype", "itemid", "xml:base",
    ]

    /// The most problems reported for one chapter: a page of a million `<script>` tags needs
    /// one message per kind of mistake, not a million lines.
    static let maximumDiagnostics = 100

    /// Every place in `document` where the chapter breaks the policy (up to
    /// `maximumDiagnostics`); `source` is the chapter's text, to locate raw HTML on the lines
    /// after a node's first.
    @_spi(Fuzzing) public static func check(_ document: MarkdownNode, source: String) -> [Diagnostic] {
        var checker = Checker(lines: source.split(separator: "\n", omittingEmptySubsequences: false))
        checker.visit(document, enclosing: nil)
        return checker.diagnostics
    }

    private struct Checker {
        let lines: [Substring]
        var diagnostics: [Diagnostic] = []

        mutating func visit(_ node: MarkdownNode, enclosing: SourceLocation?) {
            let here = node.range?.start ?? enclosing
            switch node.kind {
            case .htmlBlock(let html):
                if let here { checkRawHTML(html, at: here, isBlock: true) }
            case .htmlInline(let html):
                if let here { checkRawHTML(html, at: here, isBlock: false) }
            case .link(let destination, _):
                if let here, diagnostics.count < HTMLPolicy.maximumDiagnostics, let problem = URLPolicy.problem(destination, .link) {
                    diagnostics.append(Diagnostic(here, "link to '\(HTMLPolicy.shown(destination))': \(problem)"))
                }
            case .image(let destination, _):
                if let here, diagnostics.count < HTMLPolicy.maximumDiagnostics, let problem = URLPolicy.problem(destination, .image) {
                    diagnostics.append(Diagnostic(here, "image '\(HTMLPolicy.shown(destination))': \(problem)"))
                }
            default:
                break
            }
            for child in node.children { visit(child, enclosing: here) }
        }

        private mutating func checkRawHTML(_ html: String, at start: SourceLocation, isBlock: Bool) {
            let tokenizer = RawHTMLTokenizer(html)
            let literalLineStarts = [0] + tokenizer.bytes.indices.filter { tokenizer.bytes[$0] == 0x0A }.map { $0 + 1 }
            // The file column of each literal line's first byte, found once per line.
            var lineColumns: [Int: Int] = [:]
            func report(_ offset: Int, _ message: String) {
                guard diagnostics.count < HTMLPolicy.maximumDiagnostics else { return }
                let location = location(
                    of: offset, in: tokenizer.bytes, lineStarts: literalLineStarts, columns: &lineColumns, at: start, isBlock: isBlock)
                diagnostics.append(Diagnostic(location, message))
            }
            // Where the last search for `</style` began and what it found: style tags come in
            // order, so one search serves every tag before what it found.
            var styleClose: (searchedFrom: Int, found: Range<Int>?)?
            var checkedStyleClose: Range<Int>?
            for tag in tokenizer.allTags() {
                if let stray = tag.strayLessThan {
                    report(stray, "raw HTML has a '<' inside the tag <\(tag.name)>: write it as &lt;")
                }
                if tag.isEndTag { continue }
                if let reason = HTMLPolicy.refusedElements[tag.name] {
                    report(tag.offset, "raw HTML <\(tag.name)> is not allowed: \(reason)")
                    continue
                }
                for attribute in tag.attributes {
                    if let problem = HTMLPolicy.problem(with: attribute, of: tag) {
                        report(attribute.offset, "attribute '\(attribute.name)' of <\(tag.name)>: \(problem)")
                    }
                }
                guard tag.name == "style" else { continue }
                let contentStart = tag.end ?? tokenizer.bytes.count
                if styleClose == nil || styleClose!.searchedFrom > contentStart
                    || (styleClose!.found.map { $0.lowerBound < contentStart } ?? false)
                {
                    styleClose = (contentStart, tokenizer.endTag("style", after: contentStart))
                }
                guard let close = styleClose?.found else {
                    report(tag.offset, "a <style> element must end (</style>) in the same piece of HTML, or the prose after it becomes CSS")
                    continue
                }
                // A later <style> before the same end tag holds a suffix of this CSS, checked with it.
                guard close != checkedStyleClose else { continue }
                checkedStyleClose = close
                let css = String(decoding: tokenizer.bytes[contentStart..<close.lowerBound], as: UTF8.self)
                // Raw text in HTML, but SVG's <style> decodes character references: check both readings.
                if let problem = CSSPolicy.problem(css) ?? CSSPolicy.problem(CharacterReferences.decode(css)) {
                    report(contentStart, "<style>: \(problem)")
                }
            }
            if let unfinished = tokenizer.unfinishedConstruct() {
                report(unfinished.offset, "raw HTML ends inside \(unfinished.what): close it in the same piece of HTML, or the prose after it becomes part of it")
            }
        }

        /// The chapter location of byte `offset` of a raw HTML literal that starts at `start`.
        /// On the node's first line an inline literal starts at `start`; a block's literal lines
        /// are the ends of their source lines (after `>` of a block quote, say); an inline
        /// literal's later lines start after the line's indentation and container markers.
        private func location(
            of offset: Int, in bytes: [UInt8], lineStarts: [Int], columns: inout [Int: Int], at start: SourceLocation, isBlock: Bool
        ) -> SourceLocation {
            let offset = min(offset, bytes.count)
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            let lineIndex = low
            let lineStart = lineStarts[lineIndex]
            let line = start.line + lineIndex
            if columns[lineIndex] == nil {
                let lineEnd = lineIndex + 1 < lineStarts.count ? lineStarts[lineIndex + 1] - 1 : bytes.count
                let fragment = bytes[lineStart..<lineEnd]
                var column = lineIndex == 0 && !isBlock ? start.column : 1
                if lineIndex > 0 || isBlock, line - 1 < lines.count {
                    let sourceLine = Array(lines[line - 1].utf8)
                    if isBlock, sourceLine.count >= fragment.count, sourceLine.suffix(fragment.count).elementsEqual(fragment) {
                        column = sourceLine.count - fragment.count + 1
                    } else if !isBlock, let found = containerPrefixEnd(of: sourceLine, before: fragment) {
                        column = found + 1
                    }
                }
                columns[lineIndex] = column
            }
            return SourceLocation(file: start.file, line: line, column: columns[lineIndex]! + offset - lineStart)
        }

        /// Where `fragment` starts in `line` after indentation and block quote markers only
        /// (a bounded look: containers nest at most a hundred deep).
        private func containerPrefixEnd(of line: [UInt8], before fragment: ArraySlice<UInt8>) -> Int? {
            var position = 0
            while position + fragment.count <= line.count, position < 400 {
                if line[position..<(position + fragment.count)].elementsEqual(fragment) { return position }
                guard [0x20, 0x09, UInt8(ascii: ">")].contains(line[position]) else { return nil }
                position += 1
            }
            return nil
        }
    }

    /// Why an attribute may not stand in a page, or nil.
    static func problem(with attribute: RawHTMLTokenizer.Attribute, of tag: RawHTMLTokenizer.Tag) -> String? {
        let name = attribute.name
        if name.hasPrefix("on") { return "an event handler runs a script" }
        if name == "style" { return CSSPolicy.problem(attribute.value) }
        if urlAttributes.contains(name) || name.hasSuffix(":href") {
            let isImage = ["src", "srcset", "imagesrcset", "poster"].contains(name)
                || (tag.name == "image" && (name == "href" || name == "xlink:href"))
            let urls = name.hasSuffix("srcset") ? srcsetURLs(attribute.value) : [attribute.value]
            for url in urls {
                if let problem = URLPolicy.problem(url, isImage ? .image : .link) { return "'\(shown(url))': \(problem)" }
            }
            return nil
        }
        return URLPolicy.scriptProblem(attribute.value).map { "'\(shown(attribute.value))': \($0)" }
    }

    /// The URLs of a `srcset`: each comma-separated candidate's first word. (A data: URL's own
    /// comma splits it, which leaves its scheme and media type in the first part.)
    static func srcsetURLs(_ value: String) -> [String] {
        value.split(separator: ",").compactMap { candidate in
            candidate.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" }).first.map(String.init)
        }
    }

    /// A URL or value for a message: control characters made visible, at most 60 characters.
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(61) {
            switch scalar {
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\u{\(String(scalar.value, radix: 16))}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return text.unicodeScalars.count > 60 ? String(out.prefix(60)) + "…" : out
    }
}
