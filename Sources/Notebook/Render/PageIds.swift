import CommonMark
import XMLTree

/// The ids a page's elements have besides its headings' (figures and their
/// inline SVG, tables, listings, an author's raw HTML), so that no heading takes one.
enum PageIds {
    /// The ids in `page`'s rendered directive blocks, its provenance note and the raw HTML of its Markdown.
    static func of(_ page: Chapter) -> Set<String> {
        var ids = Set<String>()
        for node in page.blocks.values { collect(node, into: &ids) }
        if let provenance = page.provenance { collect(provenance, into: &ids) }
        collect(page.document, into: &ids)
        return ids
    }

    /// Every `id` attribute in the tree, whatever the element, and those in raw markup.
    static func collect(_ node: Node, into ids: inout Set<String>) {
        switch node {
        case .element(let element):
            for attribute in element.attributes where attribute.name == "id" { ids.insert(attribute.value) }
            for child in element.children { collect(child, into: &ids) }
        case .raw(let markup):
            ids.formUnion(inMarkup(markup))
        case .text, .comment:
            break
        }
    }

    /// The ids in raw HTML blocks and inline HTML of a Markdown tree.
    static func collect(_ node: MarkdownNode, into ids: inout Set<String>) {
        switch node.kind {
        case .htmlBlock(let html), .htmlInline(let html): ids.formUnion(inMarkup(html))
        default: break
        }
        for child in node.children { collect(child, into: &ids) }
    }

    /// The values of `id` attributes in start tags of `html`: a scan, not a parse,
    /// so an id in an odd place may be found too (a heading then merely avoids it).
    static func inMarkup(_ html: String) -> Set<String> {
        guard html.contains("<") else { return [] }
        // Case-insensitive like HTML attribute names; `data-id` and `aria-id` are not `id`.
        let pattern = #"(?i)<[a-z][^<>]*?\sid\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))"#
        guard let regex = try? Regex(pattern) else { return [] }
        var ids = Set<String>()
        for match in html.matches(of: regex) {
            for index in 1...3 {
                if let value = match.output[index].substring { ids.insert(String(value)); break }
            }
        }
        return ids
    }
}
