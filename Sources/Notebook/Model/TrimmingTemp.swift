extension StringProtocol {
    /// The text without leading and trailing whitespace (`Character.isWhitespace`).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        if first == startIndex && index(after: last) == endIndex, let whole = self as? String { return whole }
        return String(self[first...last])
    }
}
