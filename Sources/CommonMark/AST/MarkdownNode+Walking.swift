extension MarkdownNode {
    /// Visits this node and all its descendants in document order (pre-order).
    public func forEach(_ visit: (MarkdownNode) throws -> Void) rethrows {
        try visit(self)
        for child in children { try child.forEach(visit) }
    }

    /// All nodes of the tree for which `predicate` holds, in document order.
    public func filter(_ predicate: (MarkdownNode) throws -> Bool) rethrows -> [MarkdownNode] {
        var found: [MarkdownNode] = []
        try forEach { if try predicate($0) { found.append($0) } }
        return found
    }

    /// Rewrites the tree top-down. `transform` returns nil to keep a node (its
    /// children are then rewritten in turn) or the nodes that replace it (which
    /// are not visited again; an empty array deletes the node).
    public func rewritten(_ transform: (MarkdownNode) throws -> [MarkdownNode]?) rethrows -> MarkdownNode {
        var copy = self
        copy.children = try children.flatMap { child -> [MarkdownNode] in
            if let replacement = try transform(child) { return replacement }
            return [try child.rewritten(transform)]
        }
        return copy
    }
}
