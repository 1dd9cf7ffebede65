import Bibliography
import XMLTree

/// The works a book cites, listed: at the end of each page that cites (its
/// entries), at the end of `print.html` (every entry cited), and on
/// `references.html` (every entry of `references.bib`).
enum ReferenceList {
    /// The list's heading id, which the outline links to.
    static let headingId = "references"

    /// An entry's element id: citations link to it.
    static func id(_ key: String) -> String { "ref-" + key }

    /// The keys `page` cites, in the order they are first cited.
    static func citedKeys(_ page: Chapter) -> [String] {
        var keys: [String] = []
        page.document.forEach { node in
            guard case .resolved(.citation(let items)) = node.kind else { return }
            for item in items where !keys.contains(item.key) { keys.append(item.key) }
        }
        return keys
    }

    /// The ids the list of `keys` puts on a page.
    static func ids(of keys: [String]) -> Set<String> {
        keys.isEmpty ? [] : Set([headingId] + keys.map(id))
    }

    /// The entries of `keys` in reference-list order (first author, year, title).
    static func list(_ keys: some Sequence<String>, in bibliography: Bibliography) -> Node {
        let wanted = Set(keys)
        let items = bibliography.referenceList.filter { wanted.contains($0.key) }.map { entry -> Node in
            .el("li", [["id": id(entry.key)]], bibliography.reference(entry))
        }
        return .el("ul", [["class": "reference-list"]], items.interleaved())
    }

    /// A page's "References" section.
    static func section(_ keys: [String], in bibliography: Bibliography, headingLevel: Int = 2) -> Node {
        .el("section", [["class": "references"]], [
            .el("h\(headingLevel)", [["id": headingId]], text: "References"),
            list(keys, in: bibliography),
        ].interleaved())
    }
}
