import CommonMark
import XMLTree

/// Replaces `@fig:label`, `@tab:label` and `@eq:label` in prose with links that
/// show the number ("Figure 3.2", "(3.2)"); an unknown label is an error at its place.
struct ReferenceResolver {
    let table: LabelTable

    func resolve(_ document: MarkdownNode) -> Result<MarkdownNode, BuildFailure> {
        var diagnostics: [Diagnostic] = []
        let resolved = document.rewritten { node -> [MarkdownNode]? in
            switch node.kind {
            case .text(let text) where text.containsMarker("@"):
                return split(text, range: node.range, diagnostics: &diagnostics)
            case .link, .image, .code, .codeBlock:
                // Never nest a reference link inside a link, nor touch code.
                return [node]
            default:
                return nil
            }
        }
        return diagnostics.isEmpty ? .success(resolved) : .failure(BuildFailure(diagnostics))
    }

    /// Resolves references in the captions of a rendered figure or table block of
    /// chapter `slug`; errors point at the block's fence.
    func resolveCaptions(_ node: Node, slug: String, at location: SourceLocation, diagnostics: inout [Diagnostic]) -> Node {
        guard case .element(var element) = node else { return node }
        guard element.name == "figcaption" else {
            element.children = element.children.map { resolveCaptions($0, slug: slug, at: location, diagnostics: &diagnostics) }
            return .element(element)
        }
        element.children = element.children.flatMap { child -> [Node] in
            guard case .text(let text) = child, text.containsMarker("@") else { return [child] }
            return split(text, range: SourceRange(start: location, end: location), diagnostics: &diagnostics).map { piece in
                guard case .link(let destination, _) = piece.kind else { return .text(piece.plainText) }
                let target = destination.dropFirst(HTMLRenderer.referenceScheme.count).split(separator: "#", maxSplits: 1)
                let href = target[0] == slug ? "#\(target[1])" : "\(target[0]).html#\(target[1])"
                return .el("a", [["href": href]], text: piece.plainText)
            }
        }
        return .element(element)
    }

    /// Cuts one text node at its references.
    private func split(_ text: String, range: SourceRange?, diagnostics: inout [Diagnostic]) -> [MarkdownNode] {
        var nodes: [MarkdownNode] = []
        let bytes = Array(text.utf8)
        var plainStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@"), index == 0 || !isNameByte(bytes[index - 1]),
                  let (kind, nameEnd) = reference(in: bytes, at: index) else {
                index += 1
                continue
            }
            let key = String(decoding: bytes[index + 1..<nameEnd], as: UTF8.self)
            if plainStart < index {
                nodes.append(MarkdownNode(.text(String(decoding: bytes[plainStart..<index], as: UTF8.self)), range: range))
            }
            let location = range.map {
                SourceLocation(file: $0.start.file, line: $0.start.line, column: $0.start.column + index)
            }
            if let label = table[key] {
                nodes.append(MarkdownNode(.link(destination: HTMLRenderer.referenceScheme + "\(label.slug)#\(label.id)", title: ""),
                                          children: [MarkdownNode(.text(label.referenceText))], range: range))
            } else {
                let names = table.labels.keys.filter { $0.hasPrefix(kind.rawValue + ":") }.sorted()
                let hint = Suggestion.hint(for: key, in: names, prefix: "@")
                diagnostics.append(Diagnostic(path: location?.file ?? "", line: location?.line, column: location?.column,
                                              message: "reference to unknown label '\(key)'\(hint)"))
                nodes.append(MarkdownNode(.text(key), range: range))
            }
            index = nameEnd
            plainStart = nameEnd
        }
        if plainStart < bytes.count {
            nodes.append(MarkdownNode(.text(String(decoding: bytes[plainStart...], as: UTF8.self)), range: range))
        }
        return nodes
    }

    /// `@eq:name` at `start`: the kind and the end of the name, if it is one.
    private func reference(in bytes: [UInt8], at start: Int) -> (Label.Kind, Int)? {
        for kind in Label.Kind.allCases {
            let prefix = Array("@\(kind.rawValue):".utf8)
            guard bytes.count >= start + prefix.count, Array(bytes[start..<start + prefix.count]) == prefix else { continue }
            var end = start + prefix.count
            while end < bytes.count && isNameByte(bytes[end]) { end += 1 }
            // A trailing '-' or '_' belongs to the sentence, not the label.
            while end > start + prefix.count && (bytes[end - 1] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: "_")) { end -= 1 }
            return end > start + prefix.count ? (kind, end) : nil
        }
        return nil
    }

    private func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
