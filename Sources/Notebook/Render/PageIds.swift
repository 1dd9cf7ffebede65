import CommonMark
import XMLTree

/// The ids a page's elements have besides its headings' (figures and their
/// inline SVG, tables, listings, an author's raw HTML), so that no heading takes one.
enum PageIds {
    /// The ids in `page`'s resolved content (math, figures, tables, listings,
    /// derivations), its provenance note and the raw HTML of its Markdown.
    static func of(_ page: Chapter) -> Set<String> {
        var ids = Set<String>()
        if let provenance = page.provenance { collect(provenance, into: &ids) }
        page.document.forEach { node in
            switch node.kind {
            case .markdown(.htmlBlock(let html)), .markdown(.htmlInline(let html)):
                ids.formUnion(inMarkup(html))
            case .resolved(.content(let content)):
                collect(content, into: &ids)
            case .resolved(.float(let float)):
                for attribute in float.attributes where attribute.name == "id" { ids.insert(attribute.value) }
                collect(float.body, into: &ids)
                for node in float.captionEnd { collect(node, into: &ids) }
            default:
                break
            }
        }
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

    /// The values of `id` attributes in start tags of `html`: a linear scan of the bytes,
    /// not a parse, so an id in an odd place may be found too (a heading then merely
    /// avoids it). A regular expression here cost more than the rest of an edit rebuild:
    /// inline SVG and MathML are long.
    static func inMarkup(_ html: String) -> Set<String> {
        var ids = Set<String>()
        var html = html
        html.withUTF8 { scan($0, into: &ids) }
        return ids
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into ids: inout Set<String>) {
        let n = bytes.count
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }
        func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        var index = 0
        while index < n {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < n, isLetter(bytes[index + 1]) else {
                index += 1
                continue
            }
            // Inside a start tag until '>' (or a stray '<'): look for whitespace, "id", '='.
            var at = index + 2
            while at < n, bytes[at] != UInt8(ascii: ">"), bytes[at] != UInt8(ascii: "<") {
                guard isSpace(bytes[at]), at + 2 < n, bytes[at + 1] | 0x20 == UInt8(ascii: "i"),
                      bytes[at + 2] | 0x20 == UInt8(ascii: "d") else {
                    at += 1
                    continue
                }
                var value = at + 3
                while value < n, isSpace(bytes[value]) { value += 1 }
                guard value < n, bytes[value] == UInt8(ascii: "=") else {
                    at += 3
                    continue
                }
                value += 1
                while value < n, isSpace(bytes[value]) { value += 1 }
                guard value < n else { break }
                var end = value
                if bytes[value] == UInt8(ascii: "\"") || bytes[value] == UInt8(ascii: "'") {
                    let quote = bytes[value]
                    end = value + 1
                    while end < n, bytes[end] != quote { end += 1 }
                    ids.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[(value + 1)..<end]), as: UTF8.self))
                    at = end + 1
                } else {
                    while end < n, !isSpace(bytes[end]), bytes[end] != UInt8(ascii: ">") { end += 1 }
                    ids.insert(String(decoding: UnsafeBufferPointer(rebasing: bytes[value..<end]), as: UTF8.self))
                    at = end
                }
            }
            index = at
        }
    }
}
