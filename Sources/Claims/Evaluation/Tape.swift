/// The value of every node of one evaluation, per seed inside a quantifier,
/// so the sentence can print them without evaluating again.
///
/// A node is known by its byte range: a parent's range strictly contains each
/// child's and siblings do not overlap, so no two nodes of a tree share one.
struct Tape: Sendable {
    private struct Key: Hashable {
        var lower: Int
        var upper: Int
        /// -1 outside a quantifier.
        var seed: Int
    }

    private var values: [Key: ClaimValue] = [:]

    mutating func record(_ value: ClaimValue, for node: ClaimExpression.Node, seed: Int?) {
        values[Key(lower: node.range.lowerBound, upper: node.range.upperBound, seed: seed ?? -1)] = value
    }

    /// The value `node` had at `seed` (nil: outside a quantifier), if it was evaluated.
    func value(of node: ClaimExpression.Node, seed: Int?) -> ClaimValue? {
        values[Key(lower: node.range.lowerBound, upper: node.range.upperBound, seed: seed ?? -1)]
    }
}
