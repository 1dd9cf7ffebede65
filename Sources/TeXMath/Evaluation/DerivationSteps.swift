import SourceErrors
/// A chain `e₀ rel₁ e₁ rel₂ e₂ …` split at its top-level relations, plus its layout as aligned rows.
struct DerivationSteps: Sendable {
    var expressions: [(nodes: [MathNode], range: Range<Int>)] = []
    var relations: [MathNode] = []
    /// The chain as an `aligned` environment: a new row where a line starts with a relation.
    var alignedTable: MathNode

    static let checkable: Set<String> = ["=", "≤", "≥", "<", ">"]

    init(_ nodes: [MathNode], in chain: LocatedText) throws(LocatedError) {
        var current: [MathNode] = []
        var start = 0
        for node in nodes {
            if let relation = node.relation {
                guard Self.checkable.contains(relation) else {
                    throw chain.error("only =, \\le and \\ge steps can be checked, not '\(relation)'", at: node.range)
                }
                guard !current.isEmpty else { throw chain.error("expected an expression before this relation", at: node.range) }
                expressions.append((current, start..<node.range.lowerBound))
                relations.append(node)
                current = []
                start = node.range.upperBound
            } else {
                current.append(node)
            }
        }
        guard let last = relations.last else {
            throw chain.error("a derivation needs at least one step such as 'a = b'", at: 0..<max(chain.bytes.count, 1))
        }
        guard !current.isEmpty else { throw chain.error("expected an expression after this relation", at: last.range) }
        expressions.append((current, start..<chain.bytes.count))

        // Rows break where the author started a line with a relation; the first row splits at its first relation.
        var rows: [[MathNode]] = [[]]
        for node in nodes {
            if node.relation != nil, Self.startsLine(node, in: chain), !rows[rows.count - 1].isEmpty {
                rows.append([])
            }
            rows[rows.count - 1].append(node)
        }
        // With `a = b` on the first line the relations line up after `a`; with the first expression
        // alone on its line (as in DESIGN.md) every line starts in the second column, as written.
        // (A relation alone in a cell would lose its spacing in Chromium.)
        let firstLineHasRelation = rows[0].contains { $0.relation != nil }
        let cells: [[MathNode]] = rows.enumerated().map { index, row in
            let split = firstLineHasRelation && index == 0 ? row.firstIndex { $0.relation != nil }! : 0
            return [Self.group(Array(row[..<split])), Self.group(Array(row[split...]))]
        }
        let whole = (nodes.first?.range.lowerBound ?? 0)..<(nodes.last?.range.upperBound ?? 0)
        alignedTable = MathNode(.environment(.aligned, cells), whole)
    }

    private static func group(_ nodes: [MathNode]) -> MathNode {
        MathNode(.group(nodes), (nodes.first?.range.lowerBound ?? 0)..<(nodes.last?.range.upperBound ?? 0))
    }

    private static func startsLine(_ node: MathNode, in chain: LocatedText) -> Bool {
        var index = node.range.lowerBound
        while index > 0 {
            index -= 1
            switch chain.bytes[index] {
            case 0x0A: return true
            case 0x20, 0x09, 0x0D: continue
            default: return false
            }
        }
        return true
    }
}
