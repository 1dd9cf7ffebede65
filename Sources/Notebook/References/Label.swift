import CommonMark

/// A numbered thing a chapter can refer to: an equation, a figure or a table.
public struct Label: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case eq, fig, tab, ex

        /// The word shown in prose ("Figure 3.2"); equations show "(3.2)".
        var word: String {
            switch self {
            case .eq: "Equation"
            case .fig: "Figure"
            case .tab: "Table"
            case .ex: "Exercise"
            }
        }
    }

    public var kind: Kind
    /// The name after the colon: `nll` in `eq:nll`.
    public var name: String
    /// "3.2", or "2" in the preface.
    public var number: String
    /// The page it lives on (`bce-vs-cce`) and the element id there (`eq-nll`).
    public var slug: String
    public var id: String
    public var location: SourceLocation

    /// What a reference shows: "(3.2)" for equations, "Figure 3.2" otherwise.
    public var referenceText: String {
        kind == .eq ? "(\(number))" : "\(kind.word) \(number)"
    }
}

/// A label as authors write it, `fig:curves`: its kind and its name, parsed in one place.
public struct LabelKey: Sendable, Hashable, CustomStringConvertible {
    public var kind: Label.Kind
    /// The name after the colon: `nll` in `eq:nll`.
    public var name: String

    public init(_ kind: Label.Kind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// `text` as a label of `kind` (`fig:curves` for `.fig`); nil when it does not start with `kind:`.
    public init?(_ text: String, as kind: Label.Kind) {
        let prefix = kind.rawValue + ":"
        guard text.hasPrefix(prefix) else { return nil }
        self.init(kind, String(text.dropFirst(prefix.count)))
    }

    /// `fig:curves`, as written.
    public var description: String { "\(kind.rawValue):\(name)" }
}
