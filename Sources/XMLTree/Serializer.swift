/// How a tree is written out.
public enum Syntax: Sendable {
    /// HTML5: void elements (`br`, `meta`, …) have no end tag, every other element has one.
    case html
    /// XML (standalone SVG): childless elements are written as `<name/>`.
    case xml
}

extension Node {
    /// Serialises the tree; the only place where escaping happens.
    public func serialized(_ syntax: Syntax = .html) -> String {
        var out = ""
        write(to: &out, syntax: syntax)
        return out
    }

    public func write(to out: inout String, syntax: Syntax) {
        switch self {
        case .element(let element): element.write(to: &out, syntax: syntax)
        case .text(let text): out += Escaping.text(text)
        case .raw(let markup): out += markup
        case .comment(let text):
            // "--" may not appear inside an XML comment.
            var safe = ""
            for character in text {
                if character == "-", safe.last == "-" { safe += " " }
                safe.append(character)
            }
            out += "<!-- " + safe + " -->"
        }
    }
}

extension Element {
    static let htmlVoidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    public func serialized(_ syntax: Syntax = .html) -> String {
        Node.element(self).serialized(syntax)
    }

    func write(to out: inout String, syntax: Syntax) {
        // Piece by piece into `out`: concatenating first made a temporary string per tag and attribute.
        out += "<"
        out += name
        for attribute in attributes {
            out += " "
            out += attribute.name
            out += "=\""
            out += Escaping.attribute(attribute.value)
            out += "\""
        }
        switch syntax {
        case .html where Element.htmlVoidElements.contains(name):
            out += ">"
            return
        case .xml where children.isEmpty:
            out += "/>"
            return
        default:
            out += ">"
        }
        for child in children { child.write(to: &out, syntax: syntax) }
        out += "</"
        out += name
        out += ">"
    }
}
