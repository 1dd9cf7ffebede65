/// TeX cut out of a chapter before cmark saw it, or a `{{…}}` (a value, a claim,
/// computed words) kept from Markdown in the same way.
public struct MathSpan: Sendable, Equatable {
    /// The TeX between the dollar signs, untouched.
    public var tex: String
    /// `$$…$$` (true) or `$…$` (false).
    public var display: Bool
    /// Where the TeX itself (the byte after the opening dollars) starts in the file,
    /// so TeX errors can point at the offending token.
    public var texStart: SourceLocation
    /// A `{{…}}`: `tex` holds it whole, braces included, and it goes back into the
    /// tree as text (its quotes, `*` and `\` untouched by Markdown), not as math.
    public var literal: Bool

    public init(tex: String, display: Bool, texStart: SourceLocation, literal: Bool = false) {
        self.tex = tex
        self.display = display
        self.texStart = texStart
        self.literal = literal
    }
}
