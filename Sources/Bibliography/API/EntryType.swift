/// The BibTeX entry types a book's bibliography may use.
///
/// Other types are an error (with a suggestion when the name is a near miss), so that a
/// typo such as `@inproceeding` is not silently dropped; `@comment`, `@preamble` and
/// `@string` are not entries and are handled by the parser.
public enum EntryType: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case article
    case book
    case inproceedings
    case incollection
    case misc
    case techreport
    case phdthesis

    /// `@article`, as written in a `.bib` file.
    public var description: String { "@" + rawValue }

    /// The field that names where the work appeared, which the entry must have (none for `misc`).
    var venueField: String? {
        switch self {
        case .article: "journal"
        case .inproceedings, .incollection: "booktitle"
        case .book: "publisher"
        case .techreport: "institution"
        case .phdthesis: "school"
        case .misc: nil
        }
    }
}
