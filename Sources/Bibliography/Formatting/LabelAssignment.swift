/// Author–year labels for a whole bibliography, with letters where two would coincide.
enum LabelAssignment {
    /// The names part of a label: one name, two joined by "and", or the first and "et al.".
    static func names(_ list: NameList) -> String {
        let people = list.people
        guard let first = people.first else { return "Anonymous" }
        if list.endsWithOthers || people.count >= 3 { return first.citationName + " et al." }
        if people.count == 2 { return first.citationName + " and " + people[1].citationName }
        return first.citationName
    }

    /// Labels by key. `ordered` is the reference list: letters follow its order, so they
    /// read a, b, c down the list and do not depend on the order of the file.
    static func labels(for ordered: [BibEntry]) -> [String: CitationLabel] {
        var bases: [String: CitationLabel] = [:]
        var groups: [CitationLabel: [String]] = [:]
        for entry in ordered {
            let base = CitationLabel(names: names(entry.leadingNames), year: entry.year)
            bases[entry.key] = base
            groups[base, default: []].append(entry.key)
        }
        var labels = bases
        for (base, keys) in groups where keys.count > 1 {
            for (position, key) in keys.enumerated() {
                labels[key] = CitationLabel(names: base.names, year: base.year + suffix(position))
            }
        }
        return labels
    }

    /// a, b, …, z, aa, ab, …: bijective base 26.
    static func suffix(_ position: Int) -> String {
        var n = position + 1
        var letters: [Character] = []
        while n > 0 {
            n -= 1
            letters.append(Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(n % 26))))
            n /= 26
        }
        return String(letters.reversed())
    }
}
