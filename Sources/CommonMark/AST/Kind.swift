extension MarkdownNode {
    /// What a node is. Block kinds first, then inline kinds.
    public enum Kind: Sendable, Equatable {
        case document
        case blockQuote
        case list(ListInfo)
        case item
        /// A fenced or indented code block; `info` is the fence's info string ("" when none).
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak

        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(destination: String, title: String)

        /// A protected math span; display math is a block node, inline math an inline one.
        case math(MathSpan)

        /// True for the kinds that stand on their own in a block container.
        public var isBlock: Bool {
            switch self {
            case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading,
                .thematicBreak:
                return true
            case .math(let math):
                return math.display
            default:
                return false
            }
        }
    }

    /// Ordered or bullet list, as cmark reports it.
    public struct ListInfo: Sendable, Equatable {
        public var ordered: Bool
        public var start: Int
        public var tight: Bool

        public init(ordered: Bool, start: Int, tight: Bool) {
            self.ordered = ordered
            self.start = start
            self.tight = tight
        }
    }
}
