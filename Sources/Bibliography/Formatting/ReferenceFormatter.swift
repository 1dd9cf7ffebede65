import XMLTree

/// How reference-list entries are written.
public struct ReferenceStyle: Sendable, Hashable {
    /// Lists with more names than this are cut to `namesBeforeEtAl`, then "et al.".
    public var maximumNames: Int
    public var namesBeforeEtAl: Int

    /// Chicago's rule by default: up to ten names in full; beyond that, seven and "et al.".
    public init(maximumNames: Int = 10, namesBeforeEtAl: Int = 7) {
        self.maximumNames = max(maximumNames, 1)
        self.namesBeforeEtAl = min(max(namesBeforeEtAl, 1), self.maximumNames)
    }
}

/// Writes one reference in author–date style:
/// `Guo, Chuan, Geoff Pleiss, …, and Kilian Q. Weinberger. 2017. On Calibration of Modern
/// Neural Networks. In *Proceedings of ICML*, 1321–1330. arXiv:1706.04599`
/// as spans with classes (`authors`, `year`, `title`, `venue`, `note`) and one `a`.
struct ReferenceFormatter {
    let style: ReferenceStyle

    func nodes(for entry: BibEntry, year: String) -> [Node] {
        var sentences: [[Node]] = []
        var names = self.names(entry.leadingNames)
        if entry.authors.isEmpty { names += entry.editors.people.count == 1 ? ", editor" : ", editors" }
        sentences.append([.el("span", [["class": "authors"]], text: names)])
        sentences.append([.el("span", [["class": "year"]], text: year)])
        let italicTitle = entry.type == .book || entry.type == .phdthesis
        sentences.append([.el(italicTitle ? "i" : "span", [["class": "title"]], text: entry.title)])
        let venue = self.venue(entry)
        if !venue.isEmpty { sentences.append([.el("span", [["class": "venue"]], venue)]) }
        if let note = entry[field: "note"], !note.isEmpty { sentences.append([.el("span", [["class": "note"]], text: note)]) }
        if let link = entry.link {
            sentences.append([.el("a", [Attribute("href", link.href)], text: link.text)])
        }
        // Sentences end with a period unless their text already does (a title ending in "?").
        var nodes: [Node] = []
        for (index, sentence) in sentences.enumerated() {
            nodes.append(contentsOf: sentence)
            let text = sentence.map(\.textContent).joined()
            let isLink = index == sentences.count - 1 && entry.link != nil
            if !isLink, let last = text.last, !".?!".contains(last) { nodes.append(.text(".")) }
            if index < sentences.count - 1 { nodes.append(.text(" ")) }
        }
        return nodes
    }

    /// `Last, First, First Last, and First Last`, cut to the style's count with "et al.".
    func names(_ list: NameList) -> String {
        var people = list.people
        var etAl = list.endsWithOthers
        if people.count > style.maximumNames {
            people = Array(people.prefix(style.namesBeforeEtAl))
            etAl = true
        }
        var written = people.enumerated().map { $0.offset == 0 ? $0.element.invertedName : $0.element.fullName }
        if etAl {
            written.append("et al.")
            return written.joined(separator: ", ")
        }
        switch written.count {
        case 0: return "Anonymous"
        case 1: return written[0]
        case 2: return written[0] + ", and " + written[1]
        default: return written.dropLast().joined(separator: ", ") + ", and " + written[written.count - 1]
        }
    }

    /// `A`, `A and B`, `A, B, and C`.
    static func sentenceList(_ items: [String]) -> String {
        switch items.count {
        case 0, 1: items.first ?? ""
        case 2: items[0] + " and " + items[1]
        default: items.dropLast().joined(separator: ", ") + ", and " + items[items.count - 1]
        }
    }

    /// Where the work appeared, by type: journal volume(number): pages; In proceedings,
    /// pages, publisher; publisher; institution and number; thesis and school.
    func venue(_ entry: BibEntry) -> [Node] {
        func field(_ name: String) -> String? {
            guard let value = entry[field: name], !value.isEmpty else { return nil }
            return value
        }
        var nodes: [Node] = []
        var tail: [String] = []
        switch entry.type {
        case .article:
            if let journal = field("journal") { nodes.append(.el("i", text: journal)) }
            var numbers = field("volume") ?? ""
            if let number = field("number") { numbers += "(" + number + ")" }
            if let pages = field("pages") { numbers += (numbers.isEmpty ? "" : ": ") + pages }
            if !numbers.isEmpty { nodes.append(.text(" " + numbers)) }
        case .inproceedings, .incollection:
            if let booktitle = field("booktitle") {
                nodes.append(.text("In "))
                nodes.append(.el("i", text: booktitle))
            }
            if !entry.editors.isEmpty, !entry.authors.isEmpty {
                tail.append("edited by " + Self.sentenceList(entry.editors.people.map(\.fullName)) + (entry.editors.endsWithOthers ? " et al." : ""))
            }
            if let volume = field("volume") { tail.append("vol. " + volume) }
            if let pages = field("pages") { tail.append(pages) }
            if let publisher = field("publisher") { tail.append(publisher) }
        case .book:
            if let edition = field("edition") { tail.append(edition + " edition") }
            if let publisher = field("publisher") { tail.append(publisher) }
        case .techreport:
            var report = "Technical Report"
            if let number = field("number") { report += " " + number }
            tail.append(report)
            if let institution = field("institution") { tail.append(institution) }
        case .phdthesis:
            tail.append("PhD thesis")
            if let school = field("school") { tail.append(school) }
        case .misc:
            if let howpublished = field("howpublished") { tail.append(howpublished) }
            if let publisher = field("publisher") { tail.append(publisher) }
        }
        if !tail.isEmpty {
            nodes.append(.text((nodes.isEmpty ? "" : ", ") + tail.joined(separator: ", ")))
        }
        return nodes
    }
}
