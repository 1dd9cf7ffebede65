import SourceErrors
/// Turns a parsed entry into a `BibEntry`: fields to text, names split, and the checks
/// that make a reference printable (a title, a year, names, a venue; well-formed links).
struct EntryBuilder {
    let source: LocatedText

    /// Standard fields that are skipped without a near-miss check (`annote` is one edit from `note`).
    static let ignoredFields: Set<String> = [
        "abstract", "annote", "annotation", "crossref", "date", "eid", "file", "isbn", "issn", "key",
        "keywords", "language", "location", "type", "urldate", "numpages", "articleno", "pmid", "copyright",
    ]

    func entry(_ raw: BibParser.RawEntry) throws(LocatedError) -> BibEntry {
        var entry = BibEntry(
            key: raw.key, type: raw.type, fields: [:],
            location: source.location(of: raw.at), keyLocation: source.location(of: raw.keyRange.lowerBound))
        for (name, value, nameOffset) in raw.fields {
            let latex = LaTeXText(raw: value, source: source, field: name)
            guard BibEntry.knownFields.contains(name) else {
                if !Self.ignoredFields.contains(name), let near = Suggestion.closest(to: name, in: BibEntry.knownFields.sorted()) {
                    throw source.error("unknown field '\(shown(name))'; did you mean '\(near)'?", at: nameOffset..<nameOffset + name.utf8.count)
                }
                continue
            }
            switch name {
            case "author": entry.authors = try NameParser(latex: latex).names()
            case "editor": entry.editors = try NameParser(latex: latex).names()
            case _ where BibEntry.verbatimFields.contains(name): entry.fields[name] = try latex.verbatim(0..<value.bytes.count)
            default: entry.fields[name] = try latex.text(0..<value.bytes.count)
            }
            try check(name, of: entry, value: latex)
        }
        try requireFields(of: entry, raw)
        return entry
    }

    /// Links that would lead nowhere, or somewhere unsafe, are errors at their value.
    private func check(_ name: String, of entry: BibEntry, value: LaTeXText) throws(LocatedError) {
        guard let text = entry.fields[name] else { return }
        let whole = 0..<max(value.raw.bytes.count, 1)
        switch name {
        case "doi":
            if text.hasPrefix("http") || text.lowercased().hasPrefix("doi:") {
                throw value.error("write the DOI alone, as in doi = {10.1000/xyz123}: the resolver is added when the reference is printed", at: whole)
            }
            guard text.hasPrefix("10."), text.contains("/") else {
                throw value.error("'\(shown(text))' is not a DOI: a DOI starts with '10.' and has a '/', as in 10.1000/xyz123", at: whole)
            }
        case "url":
            guard text.hasPrefix("https://") || text.hasPrefix("http://") else {
                throw value.error("a url must start with https:// or http://", at: whole)
            }
        default:
            break
        }
        if name == "eprint" || name == "archiveprefix", let eprint = entry.fields["eprint"],
            entry.fields["archiveprefix"]?.lowercased() == "arxiv", !Self.isArXivIdentifier(eprint)
        {
            throw value.error("'\(shown(eprint))' is not an arXiv identifier such as 1706.04599 or hep-th/9901001", at: whole)
        }
    }

    private func requireFields(of entry: BibEntry, _ raw: BibParser.RawEntry) throws(LocatedError) {
        var missing: [String] = []
        if entry.authors.isEmpty, entry.editors.isEmpty { missing.append("author") }
        if entry.fields["title", default: ""].isEmpty { missing.append("title") }
        if entry.fields["year", default: ""].isEmpty { missing.append("year") }
        if let venue = raw.type.venueField, entry.fields[venue, default: ""].isEmpty { missing.append(venue) }
        guard !missing.isEmpty else { return }
        let list = missing.map { "'\($0)'" }.joined(separator: ", ")
        throw source.error(
            "entry '\(shown(raw.key))' (\(raw.type)) has no \(list): a reference needs \(missing.count == 1 ? "it" : "them")",
            at: raw.keyRange)
    }

    /// `1706.04599`, `1706.04599v2` (since 2007), or `hep-th/9901001` (before).
    static func isArXivIdentifier(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func digits(_ slice: ArraySlice<UInt8>) -> Bool { !slice.isEmpty && slice.allSatisfy { (0x30...0x39).contains($0) } }
        var body = bytes[...]
        if let v = body.lastIndex(of: UInt8(ascii: "v")), v > body.startIndex, digits(body[(v + 1)...]) { body = body[..<v] }
        if let dot = body.firstIndex(of: UInt8(ascii: ".")), !body.contains(UInt8(ascii: "/")) {
            let head = body[..<dot]
            let tail = body[(dot + 1)...]
            return head.count == 4 && digits(head) && (4...5).contains(tail.count) && digits(tail)
        }
        guard let slash = body.firstIndex(of: UInt8(ascii: "/")) else { return false }
        let archive = body[..<slash]
        let number = body[(slash + 1)...]
        let archiveOK = !archive.isEmpty && archive.allSatisfy { BibParser.isLetter($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
        return archiveOK && number.count == 7 && digits(number)
    }
}
