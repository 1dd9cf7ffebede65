/// Puts protected math back into the tree: placeholders in text become `math`
/// nodes, and a paragraph holding display math is split around it so the display
/// stands as a block of its own.
struct MathRestorer {
    let spans: [MathSpan]
    let placeholders: MathPlaceholders
    /// The chapter, for the location of an error with none better.
    let file: String

    func restore(_ document: MarkdownNode) throws(ParseError) -> MarkdownNode {
        try verify(document)
        let inlineDone = document.rewritten(restoringNode)
        return inlineDone.rewritten { node in
            guard case .paragraph = node.kind,
                node.children.contains(where: { if case .math(let m) = $0.kind { m.display } else { false } })
            else { return nil }
            return splitParagraph(node)
        }
    }

    /// The mark is chosen so that only our placeholders carry it (`MathPlaceholders`), so after
    /// cmark each span's placeholder is in text at most once (none when cmark dropped it, e.g.
    /// in an unused link reference definition) and no mark stands outside a placeholder.
    /// Outside text a placeholder may repeat: a link reference definition's destination is
    /// copied into every link that uses it, and there the source goes back as written. Checked
    /// rather than trusted: should the choice of mark ever miss a way cmark can produce it, the
    /// chapter fails with this error instead of showing a formula twice or in an `href`.
    private func verify(_ document: MarkdownNode) throws(ParseError) {
        var seen = Set<Int>()
        var problem: ParseError?
        document.forEach { node in
            guard problem == nil else { return }
            let strings: [String]
            switch node.kind {
            case .text(let text), .code(let text), .htmlInline(let text), .htmlBlock(let text): strings = [text]
            case .codeBlock(let info, let literal): strings = [info, literal]
            case .link(let destination, let title), .image(let destination, let title): strings = [destination, title]
            default: strings = []
            }
            let isText = if case .text = node.kind { true } else { false }
            for string in strings where string.unicodeScalars.contains(placeholders.mark) {
                for piece in placeholders.pieces(of: string, spanCount: spans.count) {
                    switch piece {
                    case .text(let scalars) where scalars.contains(placeholders.mark):
                        problem = failure("text in this chapter parsed to the character that stands in for math", at: node)
                    case .placeholder(let index) where isText && !seen.insert(index).inserted:
                        problem = failure("the formula at \(spans[index].texStart) came out of Markdown parsing twice", at: node)
                    default: break
                    }
                }
            }
        }
        if let problem { throw problem }
    }

    private func failure(_ what: String, at node: MarkdownNode) -> ParseError {
        let mark = "U+" + String(placeholders.mark.value, radix: 16, uppercase: true)
        return ParseError(
            location: node.range?.start ?? SourceLocation(file: file, line: 1, column: 1),
            message: "\(what) (\(mark)), so math cannot be put back safely; this is a docgen bug, please report it with the chapter")
    }

    /// Text becomes text and math nodes. Everywhere else a placeholder can land (a link's
    /// destination or title, raw HTML, code when cmark's idea of a code span differs from the
    /// protector's) `$` was never math, so the source goes back as it was written: no
    /// placeholder character ever reaches a page.
    private func restoringNode(_ node: MarkdownNode) -> [MarkdownNode]? {
        func source(_ text: String) -> String { placeholders.restoringSource(text, spans: spans) }
        var node = node
        switch node.kind {
        case .text(let text):
            guard text.unicodeScalars.contains(placeholders.mark) else { return nil }
            return split(text, range: node.range)
        case .code(let text): node.kind = .code(source(text))
        case .htmlInline(let html): node.kind = .htmlInline(source(html))
        case .htmlBlock(let html): node.kind = .htmlBlock(source(html))
        case .codeBlock(let info, let literal): node.kind = .codeBlock(info: source(info), literal: source(literal))
        case .link(let destination, let title): node.kind = .link(destination: source(destination), title: source(title))
        case .image(let destination, let title): node.kind = .image(destination: source(destination), title: source(title))
        default: return nil
        }
        return [node.rewritten(restoringNode)]
    }

    /// Splits one text node at its placeholders; continuation marks vanish.
    private func split(_ text: String, range: SourceRange?) -> [MarkdownNode] {
        placeholders.pieces(of: text, spanCount: spans.count).compactMap { piece in
            switch piece {
            case .text(let scalars):
                return MarkdownNode(.text(String(scalars)), range: range)
            case .placeholder(let index):
                let span = spans[index]
                // A `{{…}}` is text again, placed like the text around it.
                if span.literal { return MarkdownNode(.text(span.tex), range: range) }
                return MarkdownNode(.math(span), range: SourceRange(start: span.texStart, end: span.texStart))
            case .continuation:
                return nil
            }
        }
    }

    /// `<p>text $$x$$ more</p>` becomes paragraph, display math, paragraph.
    private func splitParagraph(_ paragraph: MarkdownNode) -> [MarkdownNode] {
        var blocks: [MarkdownNode] = []
        var pending: [MarkdownNode] = []
        func flush() {
            // Breaks and blanks that only stood next to the display go with it.
            while let first = pending.first, isBlank(first) { pending.removeFirst() }
            while let last = pending.last, isBlank(last) { pending.removeLast() }
            if !pending.isEmpty {
                blocks.append(MarkdownNode(.paragraph, children: pending, range: pending.first?.range ?? paragraph.range))
            }
            pending = []
        }
        for child in paragraph.children {
            if case .math(let math) = child.kind, math.display {
                flush()
                blocks.append(child)
            } else {
                pending.append(child)
            }
        }
        flush()
        return blocks
    }

    private func isBlank(_ node: MarkdownNode) -> Bool {
        switch node.kind {
        case .softBreak, .lineBreak: return true
        case .text(let text): return text.allSatisfy(\.isWhitespace)
        default: return false
        }
    }
}
