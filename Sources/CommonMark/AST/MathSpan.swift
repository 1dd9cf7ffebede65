/// TeX cut out of a chapter before cmark saw it.
public struct MathSpan: Sendable, Equatable {
    /// The TeX between the dollar signs, untouched.
    public var tex: String
    /// `$$…$$` (true) or `$…$` (false).
    public var display: Bool
    /// Where the TeX itself (the byte after the opening dollars) starts in the file,
    /// so TeX errors can point at the offending token.
    public var texStart: SourceLocation

    public init(tex: String, display: Bool, texStart: SourceLocation) {
        self.tex = tex
        self.display = display
        self.texStart = texStart
    }
}
