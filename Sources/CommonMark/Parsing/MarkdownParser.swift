/// Parses a chapter: math protection, cmark, then math put back as `math` nodes.
public enum MarkdownParser {
    /// Parses `source` (already known to be valid UTF-8); `file` names it in locations.
    /// Line endings are normalised first (`LineEndings`), so `\r` and `\r\n` count as one
    /// line break everywhere, as they do for cmark.
    public static func parse(_ source: String, file: String) throws(ParseError) -> MarkdownNode {
        let (raw, protected) = try protect(LineEndings.normalized(source), file: file)
        if protected.spans.isEmpty { return raw }
        let document = try CMarkConverter.convert(protected.text, file: file, map: protected.map)
        return try MathRestorer(spans: protected.spans, placeholders: protected.placeholders, file: file).restore(document)
    }

    /// cmark's tree of `source` as it stands, and `source` with its math protected.
    static func protect(_ source: String, file: String) throws(ParseError) -> (raw: MarkdownNode, protected: MathProtector.Result) {
        // A first cmark pass finds code and HTML blocks, where `$` is literal.
        let raw = try CMarkConverter.convert(source, file: file, map: .identity)
        var literalLines = Set<Int>()
        raw.forEach { node in
            switch node.kind {
            case .codeBlock, .htmlBlock:
                if let range = node.range { literalLines.formUnion(range.start.line...range.end.line) }
            default: break
            }
        }
        return (raw, try MathProtector(source: source, file: file, literalLines: literalLines).protect())
    }
}
