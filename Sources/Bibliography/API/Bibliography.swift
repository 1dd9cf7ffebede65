import XMLTree
import SourceErrors

/// A book's bibliography: the entries of one `.bib` file, their author–year labels and
/// their order in the reference list.
///
/// ```swift
/// let bibliography = try Bibliography(parsing: text, file: "chapters/references.bib")
/// bibliography.citation("guo2017", locator: "§5")   // "Guo et al., 2017, §5"
/// for entry in bibliography.referenceList { … bibliography.reference(entry) … }
/// ```
///
/// Labels are decided once over the whole file: when two entries would print the same
/// label, both get a letter after the year (2017a, 2017b) in reference-list order, so the
/// result depends only on the entries, not on the order they are written in.
public struct Bibliography: Sendable {
    /// The file the entries came from, as given to `init(parsing:file:)`.
    public let file: String
    /// The entries in the order of the file.
    public let entries: [BibEntry]
    /// The entries in reference-list order: first author's (von and) last name, year,
    /// title, then key, compared without case or accents.
    public let referenceList: [BibEntry]
    private let positions: [String: Int]
    private let labels: [String: CitationLabel]

    /// Reads a `.bib` file. Throws the first problem, located in `file`.
    public init(parsing text: String, file: String) throws(LocatedError) {
        var parser = BibParser(text, file: file)
        let raw = try parser.parse()
        let builder = EntryBuilder(source: parser.source)
        var entries: [BibEntry] = []
        var positions: [String: Int] = [:]
        entries.reserveCapacity(raw.count)
        for item in raw {
            if let earlier = positions[item.key] {
                let first = entries[earlier].keyLocation
                throw parser.source.error(
                    "duplicate key '\(shown(item.key))'; it is first defined at \(first)", at: item.keyRange, related: first)
            }
            positions[item.key] = entries.count
            entries.append(try builder.entry(item))
        }
        self.file = file
        self.entries = entries
        self.positions = positions
        self.referenceList = SortKey.sorted(entries)
        self.labels = LabelAssignment.labels(for: referenceList)
    }

    /// The entry with this key (keys are case-sensitive).
    public subscript(key: String) -> BibEntry? {
        positions[key].map { entries[$0] }
    }

    /// The author–year label of the entry with this key.
    public func label(for key: String) -> CitationLabel? { labels[key] }

    /// The in-text citation, as `Zeiler, 2012`, `King and Zeng, 2001`, `Guo et al., 2017`,
    /// or with a locator given verbatim, `Bishop, 2006, §3.1`; nil for an unknown key.
    public func citation(_ key: String, locator: String? = nil) -> String? {
        labels[key]?.parenthetical(locator: locator)
    }

    /// The key closest to an unknown one, for a "did you mean" (case is ignored; nil when none is close).
    public func closestKey(to key: String) -> String? {
        if let exact = entries.first(where: { $0.key.lowercased() == key.lowercased() }) { return exact.key }
        return Suggestion.closest(to: key, in: entries.map(\.key))
    }

    /// The reference-list entry for `entry`, as inline nodes (the caller wraps them in an
    /// `li` with its anchor): authors, year, title, venue, note and one link.
    public func reference(_ entry: BibEntry, style: ReferenceStyle = ReferenceStyle()) -> [Node] {
        ReferenceFormatter(style: style).nodes(for: entry, year: labels[entry.key]?.year ?? entry.year)
    }
}
