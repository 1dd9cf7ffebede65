import XMLTree
import SourceErrors

/// A parsed `$…$` or `$$…$$` formula: parse once (to collect its label), render later with its number.
public struct TeXFormula: Sendable {
    /// The TeX as written, kept for the `application/x-tex` annotation.
    public let tex: String
    public let style: MathStyle
    /// Where the TeX starts in the chapter file.
    public let start: TextLocation
    /// The `\label{…}` of a display formula, if any.
    public let label: EquationLabel?
    let body: [MathNode]

    /// Parses `tex`; `start` is the location of its first byte in the chapter file.
    ///
    /// Unknown commands, unbalanced braces or `\left`/`\right`, double scripts and `&` outside
    /// an environment are errors located in the chapter file.
    public init(_ tex: String, style: MathStyle, at start: TextLocation) throws(LocatedError) {
        let source = LocatedText(tex, start: start)
        do {
            var parser = try Parser(source, style: style)
            self.body = try parser.parseFormula()
            self.label = parser.label.map { EquationLabel(name: $0.name, location: source.location(of: $0.range.lowerBound)) }
        } catch {
            throw source.error(error.message, at: error.range)
        }
        self.tex = tex
        self.style = style
        self.start = start
    }

    /// The `<math>` element: `display="block"` for display math, the TeX kept in an annotation.
    ///
    /// - Parameter number: the equation number without parentheses (e.g. `"3.2"`); when given, the
    ///   formula becomes a full-width row with the number `(3.2)` as text on the right and the label's
    ///   anchor as the row's `id`.
    public func mathML(number: String? = nil) -> Node {
        let renderer = MathMLRenderer(display: style == .display)
        let presentation = renderer.mrow(body, display: style == .display)
        var mathAttributes: [Attribute] = style == .display ? [["display": "block"]] : []
        guard let number else {
            if let label { mathAttributes.append(["id": label.anchor]) }
            return MathMLDocument.math(presentation, tex: tex, attributes: mathAttributes)
        }
        // The table sits outside <semantics>: Chromium lays <semantics> out like an mrow, which
        // would shrink the full-width table; the number is not part of the TeX anyway.
        let equation = MathMLDocument.semantics(presentation, tex: tex)
        return .el("math", mathAttributes, [MathMLDocument.numberedRow(equation, number: number, anchor: label?.anchor)])
    }
}
