import Ccmark

/// The only code in the package that touches cmark: parses text with source
/// positions and converts cmark's tree into `MarkdownNode` values in one pass over
/// cmark's iterator, then frees every C object before returning.
enum CMarkConverter {
    /// The deepest nesting of Markdown containers (block quotes, lists, emphasis, links)
    /// accepted. cmark nests without limit, but every later stage walks the tree
    /// recursively: 20,000 `>` in one line overflowed the stack.
    static let maximumDepth = 100

    /// Parses `text` and returns the document node. `map` translates positions in
    /// `text` back to the chapter file (math protection changes columns).
    static func convert(_ text: String, file: String, map: PositionMap) throws(ParseError) -> MarkdownNode {
        var text = text
        let root: OpaquePointer? = text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_SOURCEPOS)
            }
        }
        guard let root else { return MarkdownNode(.document) }
        defer { cmark_node_free(root) }
        guard let iterator = cmark_iter_new(root) else { return MarkdownNode(.document) }
        defer { cmark_iter_free(iterator) }

        // Open containers; the document stays at the bottom.
        var stack: [MarkdownNode] = []
        var document = MarkdownNode(.document)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let cNode = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(cNode)
            if event == CMARK_EVENT_ENTER {
                let node = MarkdownNode(kind(of: cNode, type: type), range: range(of: cNode, file: file, map: map))
                if type == CMARK_NODE_DOCUMENT {
                    document = node
                } else if isLeaf(type) {
                    appendChild(node, stack: &stack, document: &document)
                } else {
                    guard stack.count < maximumDepth else {
                        throw ParseError(
                            location: node.range?.start ?? SourceLocation(file: file, line: 1, column: 1),
                            message: "Markdown nests deeper than \(maximumDepth) levels (block quotes, lists, emphasis or links inside each other)")
                    }
                    stack.append(node)
                }
            } else if event == CMARK_EVENT_EXIT, type != CMARK_NODE_DOCUMENT, let finished = stack.popLast() {
                appendChild(finished, stack: &stack, document: &document)
            }
        }
        return document
    }

    private static func appendChild(_ node: MarkdownNode, stack: inout [MarkdownNode], document: inout MarkdownNode) {
        if stack.isEmpty {
            document.children.append(node)
        } else {
            stack[stack.count - 1].children.append(node)
        }
    }

    /// Leaf nodes get only an ENTER event from cmark's iterator.
    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func kind(of node: OpaquePointer, type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(MarkdownNode.ListInfo(
                ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                start: Int(cmark_node_get_list_start(node)),
                tight: cmark_node_get_list_tight(node) != 0))
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            // Custom nodes only come from cmark's own API, never from parsing.
            return .htmlInline("")
        }
    }

    private static func range(of node: OpaquePointer, file: String, map: PositionMap) -> SourceRange? {
        let startLine = Int(cmark_node_get_start_line(node))
        let startColumn = Int(cmark_node_get_start_column(node))
        guard startLine > 0, startColumn > 0 else { return nil }
        let endLine = max(Int(cmark_node_get_end_line(node)), startLine)
        let endColumn = max(Int(cmark_node_get_end_column(node)), 1)
        return SourceRange(
            start: SourceLocation(file: file, line: startLine, column: map.originalColumn(line: startLine, column: startColumn)),
            end: SourceLocation(file: file, line: endLine, column: map.originalColumn(line: endLine, column: endColumn)))
    }
}
