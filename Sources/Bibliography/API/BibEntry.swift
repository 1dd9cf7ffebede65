import SourceErrors
/// One entry of a bibliography, with its fields as plain text.
///
/// Field names are lower case. Fields the formatter does not use (`abstract`, `isbn`, …)
/// are read and checked for syntax, then dropped; see `BibEntry.knownFields`.
public struct BibEntry: Sendable, Hashable {
    /// The citation key, case-sensitive, as written after `@type{`.
    public var key: String
    public var type: EntryType
    public var authors: NameList
    public var editors: NameList
    /// Every known field except `author` and `editor`, as Unicode text: LaTeX accents
    /// and escapes resolved, protecting braces removed. `doi`, `url` and `eprint` are
    /// kept verbatim (only `\_`-style escapes and braces removed).
    public var fields: [String: String]
    /// Where the entry's `@` is.
    public var location: TextLocation
    /// Where its key is.
    public var keyLocation: TextLocation

    public init(
        key: String, type: EntryType, authors: NameList = NameList(), editors: NameList = NameList(),
        fields: [String: String], location: TextLocation, keyLocation: TextLocation
    ) {
        self.key = key
        self.type = type
        self.authors = authors
        self.editors = editors
        self.fields = fields
        self.location = location
        self.keyLocation = keyLocation
    }

    /// The value of a field, if the entry has it.
    public subscript(field name: String) -> String? { fields[name] }

    /// The title as text (every entry has one).
    public var title: String { fields["title"] ?? "" }
    /// The year as written, without a disambiguating letter (every entry has one).
    public var year: String { fields["year"] ?? "" }

    /// The names the label and the reference list lead with: the authors, or, for an
    /// edited volume without authors, the editors.
    public var leadingNames: NameList { authors.isEmpty ? editors : authors }

    /// The one link a reference shows: the DOI resolver when there is a DOI, else the
    /// arXiv abstract page when the entry is an arXiv e-print, else its `url`.
    public var link: URLLink? {
        if let doi = fields["doi"] {
            let href = "https://doi.org/" + LinkEncoding.percentEncodedPath(doi)
            return URLLink(kind: .doi, href: href, text: "https://doi.org/" + doi)
        }
        if let eprint = fields["eprint"], fields["archiveprefix"]?.lowercased() == "arxiv" {
            return URLLink(kind: .arXiv, href: "https://arxiv.org/abs/" + LinkEncoding.percentEncodedPath(eprint), text: "arXiv:" + eprint)
        }
        if let url = fields["url"] {
            return URLLink(kind: .url, href: LinkEncoding.percentEncodedPath(url), text: url)
        }
        return nil
    }

    /// The fields an entry may have. Other field names are skipped, except near misses
    /// of these (`titel`, `jornal`), which are errors.
    public static let knownFields: Set<String> = [
        "author", "editor", "title", "year", "month", "journal", "booktitle", "publisher", "address",
        "volume", "number", "pages", "edition", "series", "chapter", "school", "institution",
        "organization", "howpublished", "doi", "url", "eprint", "archiveprefix", "primaryclass", "note",
    ]

    /// Fields kept as written, because LaTeX typography (`--`, `~`) would corrupt them.
    static let verbatimFields: Set<String> = ["doi", "url", "eprint"]
}

/// The link of a reference-list entry.
public struct URLLink: Sendable, Hashable {
    /// Which field the link came from.
    public enum Kind: Sendable, Hashable { case doi, arXiv, url }
    public var kind: Kind
    /// The target, safe to put in an `href` once escaped as an attribute.
    public var href: String
    /// What the reader sees: the DOI's resolver URL, `arXiv:<id>` or the URL.
    public var text: String
}

enum LinkEncoding {
    /// Percent-encodes what may not appear raw in a URL (spaces, `<`, `>`, `"`, `#` inside
    /// a DOI, non-ASCII bytes); URLs checked to start with `http://` or `https://` keep
    /// their `#` fragment and `?` query.
    static func percentEncodedPath(_ text: String) -> String {
        let isURL = text.hasPrefix("http://") || text.hasPrefix("https://")
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            let safe: Bool
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                safe = true
            default:
                safe = "-._~/:;()!*'+,=@$&".unicodeScalars.contains(scalar)
                    || (isURL && "#?%[]".unicodeScalars.contains(scalar))
            }
            if safe {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = Array("0123456789ABCDEF".unicodeScalars)
                out += "%"
                out.unicodeScalars.append(hex[Int(byte >> 4)])
                out.unicodeScalars.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}
