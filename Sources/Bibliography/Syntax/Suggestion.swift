/// "Did you mean" for unknown names: the closest candidate within a small edit distance.
enum Suggestion {
    /// Names longer than this get no suggestion: the comparison stays cheap on hostile input.
    static let maximumLength = 64

    /// The candidate closest to `name` (ties: the first in `candidates`' order), if one is
    /// within one edit for short names and two for longer ones. Case is ignored.
    static func closest(to name: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased().utf8)
        guard !target.isEmpty, target.count <= maximumLength else { return nil }
        let limit = target.count <= 4 ? 1 : 2
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let other = Array(candidate.lowercased().utf8)
            guard other.count <= maximumLength, abs(other.count - target.count) <= limit else { continue }
            let distance = editDistance(target, other, limit: limit)
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Edit distance with adjacent transpositions (optimal string alignment), computed
    /// in a band of width `limit`; anything over `limit` comes back as `limit + 1`.
    static func editDistance(_ a: [UInt8], _ b: [UInt8], limit: Int) -> Int {
        let over = limit + 1
        if abs(a.count - b.count) > limit { return over }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let width = b.count + 1
        var previous2 = [Int](repeating: over, count: width)
        var previous = Array(0..<width).map { min($0, over) }
        var current = [Int](repeating: over, count: width)
        for i in 1...a.count {
            current = [Int](repeating: over, count: width)
            if i <= limit { current[0] = i }
            let low = max(1, i - limit)
            let high = min(b.count, i + limit)
            if low > high { return over }
            var rowMinimum = current[0]
            for j in low...high {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var value = min(previous[j - 1] + cost, previous[j] + 1, current[j - 1] + 1)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, previous2[j - 2] + 1) }
                current[j] = min(value, over)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum >= over { return over }
            previous2 = previous
            previous = current
        }
        return min(previous[b.count], over)
    }

    /// `; did you mean 'x'?`, or nothing.
    static func phrase(for name: String, in candidates: some Sequence<String>, prefix: String = "") -> String {
        guard let match = closest(to: name, in: candidates) else { return "" }
        return "; did you mean '\(prefix)\(match)'?"
    }
}
