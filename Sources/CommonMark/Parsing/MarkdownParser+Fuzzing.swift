/// Invariants of math protection that only the parser can see, for the libFuzzer harness
/// `FuzzMathScanner` and its replay in the tests. Not API: `@_spi(Fuzzing)`.
@_spi(Fuzzing) public enum MathProtectionProbe {
    /// What must hold for any chapter, described where it does not (empty when all hold):
    /// putting every placeholder back as written gives the (normalised) source again; the
    /// parsed tree holds no placeholder character; no span becomes two math nodes; no character
    /// reference decodes to the mark. A parse error is a fine answer and breaks nothing, except
    /// the one `MathRestorer` raises when a placeholder is not found as expected.
    public static func violations(in source: String) -> [String] {
        parse(source).violations
    }

    /// `MarkdownParser.parse(source)` (nil for a parse error), and `violations(in: source)`.
    public static func parse(_ source: String) -> (document: MarkdownNode?, violations: [String]) {
        let source = LineEndings.normalized(source)
        guard let (_, protected) = try? MarkdownParser.protect(source, file: "probe.md") else { return (nil, []) }
        var found: [String] = []
        if protected.placeholders.restoringSource(protected.text, spans: protected.spans) != source {
            found.append("protecting math and putting it back does not give the source again")
        }
        if source.unicodeScalars.contains(protected.placeholders.mark) {
            found.append("the placeholder mark occurs in the source")
        }
        if MathPlaceholders.referencedScalars(in: source).contains(protected.placeholders.mark.value) {
            found.append("a character reference in the source decodes to the placeholder mark")
        }
        let document: MarkdownNode
        do {
            document = try MarkdownParser.parse(source, file: "probe.md")
        } catch {
            // Any parse error is a fine answer except the restorer's own check failing.
            if error.message.contains("docgen bug") { found.append("putting math back failed: \(error.message)") }
            return (nil, found)
        }
        var seen = Set<SourceLocation>()
        let mark = protected.placeholders.mark
        document.forEach { node in
            let strings: [String]
            switch node.kind {
            case .text(let text), .code(let text), .htmlInline(let text), .htmlBlock(let text): strings = [text]
            case .codeBlock(let info, let literal): strings = [info, literal]
            case .link(let destination, let title), .image(let destination, let title): strings = [destination, title]
            case .math(let span):
                if !seen.insert(span.texStart).inserted { found.append("the span at \(span.texStart) became two math nodes") }
                strings = []
            default: strings = []
            }
            if strings.contains(where: { $0.unicodeScalars.contains(mark) }) {
                found.append("a placeholder character is left in a \(node.kind) node")
            }
        }
        return (document, found)
    }
}
