import CommonMark
import XMLTree

/// A box that flags a short answer or a pitfall, in GitHub's syntax, which authors
/// already know: a block quote whose first line is `[!NOTE]`, `[!TIP]`,
/// `[!IMPORTANT]`, `[!WARNING]` or `[!CAUTION]`, optionally followed by a title.
enum Callout: String, Sendable, CaseIterable {
    case note, tip, important, warning, caution

    /// The marker as written: `NOTE`.
    var marker: String { rawValue.uppercased() }

    /// The title shown when the author gives none.
    var defaultTitle: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// A block quote read as a callout: its kind, the inlines of its title (empty for
    /// the default title) and its body blocks; nil for a plain block quote; an error
    /// for a marker that is no kind (`[!DANGR]`).
    static func parse(_ quote: MarkdownNode) throws(Diagnostics) -> (kind: Callout, title: [MarkdownNode], body: [MarkdownNode])? {
        guard let paragraph = quote.children.first, paragraph.kind == .paragraph else { return nil }
        // cmark may cut `[!NOTE]` into several text nodes at the bracket: read them as one.
        var inlines = paragraph.children
        var lead = ""
        var textCount = 0
        while textCount < inlines.count, case .text(let text) = inlines[textCount].kind {
            lead += text
            textCount += 1
        }
        guard lead.hasPrefix("[!"), let close = lead.firstIndex(of: "]") else { return nil }
        let name = String(lead[lead.index(lead.startIndex, offsetBy: 2)..<close])
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        guard let kind = Callout(rawValue: name.lowercased()) else {
            let location = paragraph.range.map { SourceLocation(file: $0.start.file, line: $0.start.line, column: $0.start.column + 2) }
                ?? SourceLocation(file: "", line: 0, column: 0)
            let markers = allCases.map(\.marker)
            // Names other tools use, so that `[!DANGER]` or a typo of it points at GitHub's kind.
            let aliases = ["DANGER": "CAUTION", "ERROR": "CAUTION", "INFO": "NOTE", "HINT": "TIP", "ATTENTION": "WARNING"]
            let hint = Suggestion.closest(to: name.uppercased(), in: markers + aliases.keys.sorted())
                .map { " (did you mean '[!\(aliases[$0] ?? $0)]'?)" } ?? ""
            throw Diagnostics(Diagnostic(location, "unknown callout '[!\(name)]'\(hint); callouts are "
                + markers.map { "[!\($0)]" }.joined(separator: ", ")))
        }
        // The rest of the first line is the title; the lines after it start the body.
        let rest = String(lead[lead.index(after: close)...]).drop { $0 == " " || $0 == "\t" }
        inlines.removeFirst(textCount)
        if !rest.isEmpty { inlines.insert(MarkdownNode(.text(String(rest)), range: paragraph.range), at: 0) }
        let lineEnd = inlines.firstIndex { $0.kind == .softBreak || $0.kind == .lineBreak } ?? inlines.count
        let title = Array(inlines[..<lineEnd])
        let after = Array(inlines[min(lineEnd + 1, inlines.count)...])
        var body = Array(quote.children.dropFirst())
        if !after.isEmpty { body.insert(MarkdownNode(.paragraph, children: after, range: paragraph.range), at: 0) }
        return (kind, title, body)
    }

    /// A small line drawing for the title, in the text's colour; hidden from screen readers.
    var icon: Node {
        let shapes: [String] = switch self {
        case .note: ["M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13z", "M8 7v4.5", "M8 4.6v.1"]
        case .tip: ["M5.3 10.2a4.3 4.3 0 1 1 5.4 0V12H5.3z", "M6 14.3h4"]
        case .important: ["M2 2.5h12v8.5H8l-3 3v-3H2z", "M8 4.5v3.2", "M8 9.3v.1"]
        case .warning: ["M8 1.8 14.8 13.8H1.2z", "M8 6v3.8", "M8 11.6v.1"]
        case .caution: ["M5.3 1.5h5.4l3.8 3.8v5.4l-3.8 3.8H5.3l-3.8-3.8V5.3z", "M8 4.6v4.2", "M8 10.9v.1"]
        }
        return .el("svg", [["class": "callout-icon"], ["viewBox": "0 0 16 16"], ["width": "16"], ["height": "16"], ["aria-hidden": "true"]],
                   shapes.map { .el("path", [["d": $0]]) })
    }
}
