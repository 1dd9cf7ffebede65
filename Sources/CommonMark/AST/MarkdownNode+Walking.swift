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

extension MarkdownNode {
    /// The tree of a piece of a file parsed on its own (the body of a fenced
    /// block), with every position moved to where the piece stands in the file:
    /// `lines` lines down, and `columns` to the right on every line.
    public func shifted(lines: Int, columns: Int) -> MarkdownNode {
        func move(_ location: SourceLocation) -> SourceLocation {
            SourceLocation(file: location.file, line: location.line + lines, column: location.column + columns)
        }
        var copy = self
        copy.range = range.map { SourceRange(start: move($0.start), end: move($0.end)) }
        if case .math(var span) = kind {
            span.texStart = move(span.texStart)
            copy.kind = .math(span)
        }
        copy.children = children.map { $0.shifted(lines: lines, columns: columns) }
        return copy
    }
}
