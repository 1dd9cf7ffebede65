import Claims
import CommonMark
import TeXMath
import XMLTree

/// One node of a page's document tree (DESIGN.md, "The document tree").
///
/// `parse` builds the tree once: cmark's blocks and inlines, plus our own kinds
/// for everything docgen gives meaning to. `resolve` replaces our kinds by
/// typed results (`Resolved`); the renderer turns the tree into HTML and is the
/// only place that decides hrefs.
struct DocumentNode: Sendable {
    var kind: Kind
    var children: [DocumentNode]
    /// Where the node stands in the chapter file; nil where cmark gives no position.
    var range: SourceRange?

    init(_ kind: Kind, children: [DocumentNode] = [], range: SourceRange? = nil) {
        self.kind = kind
        self.children = children
        self.range = range
    }

    // Indirect: the tree is walked and rewritten many times, and copying a node then costs
    // one retain instead of copying the largest payload (a figure directive) inline.
    indirect enum Kind: Sendable {
        /// A block or inline of CommonMark as cmark reports it. Never `.math`, and never a
        /// fenced block that is one of ours (`figure`, `table`, `listing`, `derivation`).
        case markdown(MarkdownNode.Kind)

        // Written by authors; found by `parse`.
        /// `$…$` or `$$…$$`, its TeX already parsed (with its `\label`, if any).
        case math(TeXFormula)
        /// A ` ```derivation ` block: steps to check at sampled points.
        case derivation(Derivation)
        case figure(FigureDirective)
        case table(TableDirective)
        case listing(Listing)
        /// `{{experiment.key | format}}`.
        case value(InlineValue)
        /// `{{check EXPR}}` or `{{if EXPR then "…" else "…"}}`.
        case claim(Claim)
        /// `@fig:x`, `@tab:x`, `@eq:x`, and where it is written.
        case reference(LabelKey, SourceLocation?)
        /// `[@key, §3.1; @other]`: entries of `references.bib`.
        case citation(Citation)
        /// `> [!TIP] Title`: its first child is a `.calloutTitle`, the others its body's blocks.
        case callout(Callout)
        /// A callout's title: inline children, none for the kind's default title.
        case calloutTitle
        /// A ` ```exercise ` block: the question's blocks, then its `.exerciseSolution`, if any.
        case exercise(Exercise)
        /// An exercise's solution: its blocks.
        case exerciseSolution

        // Put in their place by `resolve`.
        case resolved(Resolved)
    }

    /// A claim or computed words, parsed; a choice's words already parsed as inline Markdown.
    struct Claim: Sendable {
        var expression: InlineExpression
        /// Where the text between the braces starts.
        var location: SourceLocation
        /// A choice's words: when the condition holds, and when it does not.
        var then: [DocumentNode] = []
        var otherwise: [DocumentNode] = []
    }

    /// An exercise's label and, once `resolve` has counted it, its number.
    struct Exercise: Sendable {
        var label: LabelKey?
        var labelLocation: SourceLocation?
        /// "4.2"; set by `resolve`.
        var number: String?
    }

    /// The body of a ` ```derivation ` block and the place of its fence.
    struct Derivation: Sendable {
        var body: String
        var fence: SourceLocation
    }

    /// What `resolve` makes of our kinds: typed content, never HTML text.
    enum Resolved: Sendable {
        /// Finished markup: MathML, a checked derivation, a listing, a value.
        case content(Node)
        /// A reference to a numbered thing; the renderer writes the href for the page it is on.
        case reference(Label)
        /// A citation: each entry's key and its author–year text ("Bishop, 2006, §3.1").
        case citation([(key: String, text: String)])
        /// A figure or a table with its caption, whose references are nodes of this tree.
        case float(Float)
    }

    /// A numbered figure or table. Its caption is part of the document tree so that
    /// references in it get their hrefs from the renderer, like those in prose.
    struct Float: Sendable {
        /// The `<figure>`'s attributes: class, id (from the label), style.
        var attributes: [Attribute]
        /// "Figure 3.2:" or "Table 3.2:"; nil without a label.
        var number: String?
        /// The caption's inlines: text and resolved references.
        var caption: [DocumentNode]
        /// Shown after the caption text (a figure's SVG and CSV links).
        var captionEnd: [Node]
        /// The plot or the table.
        var body: Node
        /// Tables show their caption above, figures below.
        var captionFirst: Bool
    }

    /// The text of this node and its descendants, as a reader sees it: code
    /// contributes its source, a reference its number, finished markup nothing.
    var plainText: String {
        switch kind {
        case .markdown(.text(let text)), .markdown(.code(let text)): text
        case .markdown(.softBreak), .markdown(.lineBreak): " "
        case .markdown, .callout, .calloutTitle, .exercise, .exerciseSolution: children.map(\.plainText).joined()
        case .resolved(.reference(let label)): label.referenceText
        case .reference(let key, _): "@\(key)"
        case .math(let formula): formula.tex
        case .resolved(.citation(let items)): "(" + items.map(\.text).joined(separator: "; ") + ")"
        case .resolved(.content), .resolved(.float), .value, .figure, .table, .listing, .derivation, .citation, .claim: ""
        }
    }
}

extension DocumentNode {
    /// Visits this node and all its descendants in document order (pre-order).
    func forEach(_ visit: (DocumentNode) throws -> Void) rethrows {
        try visit(self)
        for child in children { try child.forEach(visit) }
    }

    /// Rewrites the tree top-down. `transform` returns nil to keep a node (its
    /// children are then rewritten in turn) or the nodes that replace it (which
    /// are not visited again; an empty array deletes the node).
    func rewritten(_ transform: (DocumentNode) throws -> [DocumentNode]?) rethrows -> DocumentNode {
        var copy = self
        copy.children = try children.flatMap { child -> [DocumentNode] in
            if let replacement = try transform(child) { return replacement }
            return [try child.rewritten(transform)]
        }
        return copy
    }
}
