/// One node of a parsed chapter: plain Swift data with no reference to C memory.
///
/// The tree mirrors cmark's, plus `math` nodes for the `$…$` and `$$…$$` spans
/// that were protected from cmark. Later stages walk it (`forEach`) and replace
/// parts of it (`rewritten`).
public struct MarkdownNode: Sendable, Equatable {
    public var kind: Kind
    public var children: [MarkdownNode]
    /// Where the node stands in the chapter file; nil where cmark gives no position
    /// (some inline nodes).
    public var range: SourceRange?

    public init(_ kind: Kind, children: [MarkdownNode] = [], range: SourceRange? = nil) {
        self.kind = kind
        self.children = children
        self.range = range
    }

    /// The text of this node and its descendants, as a reader sees it
    /// (code and math contribute their source text).
    public var plainText: String {
        switch kind {
        case .text(let text), .code(let text): return text
        case .math(let math): return math.tex
        case .softBreak, .lineBreak: return " "
        default: return children.map(\.plainText).joined()
        }
    }
}
