/// The reference-list order: first author's name, year, title, key; case and accents ignored.
enum SortKey {
    /// The entries in reference-list order; each entry's key is folded once, not per comparison.
    static func sorted(_ entries: [BibEntry]) -> [BibEntry] {
        entries.map { (key: key($0), entry: $0) }
            .sorted { precedes($0.key, $0.entry.key, $1.key, $1.entry.key) }
            .map(\.entry)
    }

    static func precedes(_ left: [[UInt32]], _ leftKey: String, _ right: [[UInt32]], _ rightKey: String) -> Bool {
        for (x, y) in zip(left, right) where x != y {
            return x.lexicographicallyPrecedes(y)
        }
        return leftKey.utf8.lexicographicallyPrecedes(rightKey.utf8)
    }

    /// Folded name, year and title, each as scalar values so the order is the same everywhere.
    static func key(_ entry: BibEntry) -> [[UInt32]] {
        let name = entry.leadingNames.people.first?.citationName ?? ""
        return [fold(name), fold(entry.year), fold(entry.title)]
    }

    /// Lower case, accents removed (`Ö` → `o`), special letters spelled out (`ß` → `ss`).
    static func fold(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        for scalar in text.unicodeScalars {
            if let spelled = special[scalar] {
                out.append(contentsOf: spelled.unicodeScalars.map(\.value))
                continue
            }
            // Combining marks (written after a letter without a precomposed form) do not count.
            if (0x300...0x36F).contains(scalar.value) { continue }
            let base = Accents.bases[scalar] ?? scalar
            if base.isASCII {
                let value = base.value
                out.append((0x41...0x5A).contains(value) ? value + 0x20 : value)
            } else {
                out.append(contentsOf: base.properties.lowercaseMapping.unicodeScalars.map(\.value))
            }
        }
        return out
    }

    static let special: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l",
        "ı": "i", "ȷ": "j", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "\u{A0}": " ",
    ]
}
