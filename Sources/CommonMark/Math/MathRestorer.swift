/// Puts protected math back into the tree: placeholders in text become `math`
/// nodes, and a paragraph holding display math is split around it so the display
/// stands as a block of its own.
struct MathRestorer {
    let spans: [MathSpan]

    func restore(_ document: MarkdownNode) -> MarkdownNode {
        let inlineDone = document.rewritten { node in
            guard case .text(let text) = node.kind, text.unicodeScalars.contains(where: Self.isMark) else { return nil }
            return split(text, range: node.range)
        }
        return inlineDone.rewritten { node in
            guard case .paragraph = node.kind,
                node.children.contains(where: { if case .math(let m) = $0.kind { m.display } else { false } })
            else { return nil }
            return splitParagraph(node)
        }
    }

    static func isMark(_ scalar: Unicode.Scalar) -> Bool {
        (0xE000...0xE002).contains(scalar.value) || (0xE010...0xE019).contains(scalar.value)
    }

    /// Splits one text node at its placeholders; continuation marks vanish.
    private func split(_ text: String, range: SourceRange?) -> [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        var plain = String.UnicodeScalarView()
        var digits: UInt32? = nil
        func flush() {
            if !plain.isEmpty { nodes.append(MarkdownNode(.text(String(plain)), range: range)) }
            plain = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case MathProtector.placeholderStart:
                flush()
                digits = 0
            case MathProtector.placeholderEnd:
                if let index = digits, Int(index) < spans.count {
                    let span = spans[Int(index)]
                    let end = SourceLocation(file: span.texStart.file, line: span.texStart.line, column: span.texStart.column)
                    nodes.append(MarkdownNode(.math(span), range: SourceRange(start: span.texStart, end: end)))
                }
                digits = nil
            case MathProtector.continuation:
                continue
            default:
                if let value = digits, (0xE010...0xE019).contains(scalar.value) {
                    digits = value * 10 + (scalar.value - MathProtector.digitBase)
                } else {
                    plain.append(scalar)
                }
            }
        }
        flush()
        return nodes
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
