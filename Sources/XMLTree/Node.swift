/// A node of an HTML, SVG or MathML document.
///
/// Every writer in the package (pages, figures, formulas) builds these trees and
/// serialises them once, so text and attribute values are escaped in exactly one
/// place (`Escaping`).
public enum Node: Sendable, Equatable, Hashable {
    case element(Element)
    /// Character data; escaped when serialised.
    case text(String)
    /// Markup that is already serialised (for example a figure rendered earlier).
    /// Only trusted producers inside the package create it.
    case raw(String)
    /// A comment; `--` is broken up when serialised.
    case comment(String)
}

extension Node {
    /// Shorthand for an element node.
    public static func el(_ name: String, _ attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        .element(Element(name, attributes, children))
    }

    /// Shorthand for an element node holding one text child.
    public static func el(_ name: String, _ attributes: [Attribute] = [], text: String) -> Node {
        .element(Element(name, attributes, [.text(text)]))
    }

    /// The concatenated character data of this node and its descendants.
    public var textContent: String {
        switch self {
        case .element(let element): element.children.map(\.textContent).joined()
        case .text(let text): text
        case .raw, .comment: ""
        }
    }
}
