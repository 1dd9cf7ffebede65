/// One node of the TeX syntax tree, with the byte range of the TeX it came from.
///
/// The same tree is rendered to MathML and lowered to expressions for derivation checks.
struct MathNode: Sendable, Equatable {
    indirect enum Kind: Sendable, Equatable {
        /// `{…}` or any other sequence rendered as one `mrow`.
        case group([MathNode])
        /// A letter or Greek letter, as its Unicode character.
        case identifier(String)
        /// `\d+(\.\d+)?`
        case number(String)
        /// An operator, relation, punctuation or ordinary symbol such as `∞`.
        case symbol(String, SymbolClass)
        /// `\log`, `\max`, `\operatorname{…}`; `limits` for names that take limits in display style.
        case function(String, limits: Bool)
        /// `\sum`, `\prod`, `\int`, with where their limits go.
        case largeOperator(String, limits: LimitsPlacement)
        case scripts(base: MathNode, sub: MathNode?, sup: MathNode?)
        case fraction(MathNode, MathNode, FractionStyle)
        case root(MathNode, index: MathNode?)
        /// `\left … \right`; `"."` is the empty delimiter.
        case fenced(open: String, [MathNode], close: String)
        /// `\middle|` inside a fenced row.
        case middle(String)
        /// A bracket outside `\left`/`\right`, optionally sized by the `\big` family.
        case delimiter(String, size: DelimiterSize?)
        case accent(MathNode, String)
        case styled(MathFont, MathNode)
        case text(String)
        /// Horizontal space in em; negative for `\!`.
        case space(Double)
        /// Cells in rows; each cell is a `.group`.
        case environment(EnvironmentKind, [[MathNode]])
    }

    var kind: Kind
    var range: Range<Int>

    init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// How an `<mo>` or ordinary symbol behaves; decides prefix minus and where an operand may start.
enum SymbolClass: Sendable, Equatable {
    /// Rendered as `<mi>` (∞, ∂, ∇).
    case ordinary
    case binary
    case relation
    case punctuation
}

/// Where a large operator's scripts go: `\sum` above/below in display style, `\int` always at the
/// side, and `\limits` / `\nolimits` force one or the other.
enum LimitsPlacement: Sendable, Equatable {
    case displayStyle
    case always
    case never
}

enum FractionStyle: Sendable, Equatable {
    case auto
    case display
    case text
}

/// The `\big` family: `minsize`/`maxsize` in em.
enum DelimiterSize: Double, Sendable, Equatable {
    case big = 1.2
    case Big = 1.8
    case bigg = 2.4
    case Bigg = 3.0
}

/// Math alphabets, rendered as Unicode math alphanumerics rather than attributes.
enum MathFont: Sendable, Equatable {
    case bold
    case boldItalic
    case doubleStruck
    case script
    case roman
}

enum EnvironmentKind: String, Sendable, Equatable, CaseIterable {
    case matrix, pmatrix, bmatrix, vmatrix, cases, aligned
}

extension MathNode {
    /// The relation symbols that separate derivation steps.
    var relation: String? {
        if case .symbol(let text, .relation) = kind { return text }
        return nil
    }

    var isOpenDelimiter: Bool {
        if case .delimiter(let text, _) = kind { return Symbols.openDelimiters.contains(text) }
        return false
    }
}
