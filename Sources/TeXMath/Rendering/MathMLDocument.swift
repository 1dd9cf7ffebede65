import XMLTree

/// The outer structure shared by formulas and derivations: `<math>`, `<semantics>`, numbered rows.
enum MathMLDocument {
    /// `<math><semantics>presentation<annotation encoding="application/x-tex">tex</annotation></semantics></math>`.
    static func math(_ presentation: Node, tex: String, attributes: [Attribute]) -> Node {
        .el("math", attributes, [semantics(presentation, tex: tex)])
    }

    /// The presentation with its TeX source, for copying and for screen readers.
    static func semantics(_ presentation: Node, tex: String) -> Node {
        .el("semantics", [], [
            presentation,
            .el("annotation", [["encoding": "application/x-tex"]], text: tex),
        ])
    }

    /// A full-width one-row table: an empty pad cell, the equation, and `(number)` right-aligned.
    ///
    /// The pad cell balances the number cell so the equation stays centred (as Temml does).
    static func numberedRow(_ equation: Node, number: String, anchor: String?) -> Node {
        let row = Node.el("mtr", anchor.map { [["id": $0]] } ?? [], [
            .el("mtd", [["class": "texmath-eqn-pad"]]),
            .el("mtd", [], [equation]),
            .el("mtd", [["class": "texmath-eqn-num"]], [.el("mtext", [], text: "(\(number))")]),
        ])
        return .el("mtable", [["displaystyle": "true"], ["class": "texmath-numbered"]], [row])
    }
}
