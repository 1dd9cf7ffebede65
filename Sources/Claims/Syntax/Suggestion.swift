/// "Did you mean …?" for words typed by authors.
enum Suggestion {
    /// The candidate nearest to `word` by edit distance, if it is near enough to be
    /// a typo: one edit for words of up to three characters, then one per four.
    static func closest(to word: String, in candidates: [String]) -> String? {
        // Long input is no typo of anything an author means; bounding it keeps the distance cheap.
        guard word.utf8.count <= 200 else { return nil }
        let limit = word.count <= 3 ? 1 : max(2, word.count / 4)
        let scored = candidates.filter { $0 != word }.map { ($0, distance(word, $0)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        guard let best = scored.first, best.1 <= limit else { return nil }
        return best.0
    }

    /// ` (did you mean 'x'?)` for a message, or "" when nothing is close.
    static func hint(for word: String, in candidates: [String]) -> String {
        closest(to: word, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// Edit distance over characters where swapping two neighbours is one edit
    /// (optimal string alignment), so `mena` is one edit from `mean`.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            beforePrevious = previous
            previous = current
        }
        return previous[b.count]
    }
}
