import CommonMark

/// A numbered thing a chapter can refer to: an equation, a figure or a table.
public struct Label: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case eq, fig, tab

        /// The word shown in prose ("Figure 3.2"); equations show "(3.2)".
        var word: String {
            switch self {
            case .eq: "Equation"
            case .fig: "Figure"
            case .tab: "Table"
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
