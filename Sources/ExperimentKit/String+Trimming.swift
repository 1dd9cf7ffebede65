extension StringProtocol {
    /// The text without leading and trailing whitespace (`Character.isWhitespace`).
    ///
    /// `package`: shared by the modules of this package (ExperimentKit's `ValueFormat`, the
    /// site builder's parsers) without becoming API for the books that import ExperimentKit.
    package func trimmingWhitespace() -> String {
        // Called on every line of every listed source file: index arithmetic, no
        // reversed copies, and no new string when a String has nothing to trim.
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        if first == startIndex && index(after: last) == endIndex, let whole = self as? String { return whole }
        return String(self[first...last])
    }
}
