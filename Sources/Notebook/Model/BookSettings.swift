import ExperimentKit
import Yams

/// `chapters/book.yml`: what a book says about itself (issue 25). Every key is
/// optional; a book without the file takes its title from the preface, is in
/// English and has no search. An unknown key, or a value of the wrong kind, is
/// an error at its line and column.
///
/// ```yaml
/// title: Loss Functions, Checked
/// subtitle: Derivations and experiments
/// authors: [Ada Lovelace, Alan Turing]   # or one name: `authors: Ada Lovelace`
/// language: en
/// description: A self-checking textbook about loss functions.
/// repository: https://github.com/someone/my-book
/// search: true
/// ```
public struct BookSettings: Sendable, Equatable {
    /// The book's title, in every page's header and `<title>`; nil: the preface's `# ` title.
    public var title: String?
    /// A line under the title on the preface and in print.html.
    public var subtitle: String?
    /// Shown under the title on the preface and in print.html, and as `<meta name="author">`.
    public var authors: [String] = []
    /// The pages' `lang` (a BCP 47 tag such as `en`, `de-CH`).
    public var language = "en"
    /// `<meta name="description">` of every page.
    public var description: String?
    /// The book's repository (an `https:` or `http:` URL): each chapter page links to
    /// its file there, `REPOSITORY/blob/HEAD/chapters/FILE`.
    public var repository: String?
    /// A search field in the header and an index of every section (`search-index.js`).
    public var search = false

    public init(title: String? = nil, subtitle: String? = nil, authors: [String] = [], language: String = "en",
                description: String? = nil, repository: String? = nil, search: Bool = false) {
        self.title = title
        self.subtitle = subtitle
        self.authors = authors
        self.language = language
        self.description = description
        self.repository = repository
        self.search = search
    }

    /// The keys `book.yml` may hold, in the order the documentation lists them.
    public static let keys = ["title", "subtitle", "authors", "language", "description", "repository", "search"]

    /// Reads the YAML text of `path`; every problem found, each at its line and column.
    public init(parsing text: String, path: String) throws(Diagnostics) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw Diagnostics(Self.diagnostic(for: error, path: path, text: text))
        }
        guard let root else { return }  // an empty file (or only comments): the defaults
        guard let mapping = root.mapping else {
            throw Diagnostics(Diagnostic(at: root.mark, in: text, path: path, message:
                "book.yml holds 'key: value' lines (\(Self.keys.joined(separator: ", "))), not a \(Self.kind(of: root))"))
        }
        var diagnostics: [Diagnostic] = []
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            func problem(_ message: String, at node: Node? = nil) {
                diagnostics.append(Diagnostic(at: (node ?? value).mark ?? keyNode.mark, in: text, path: path, message: message))
            }
            func string() -> String? {
                guard let scalar = value.scalar else {
                    problem("'\(key)' is a line of text, not a \(Self.kind(of: value))")
                    return nil
                }
                let trimmed = scalar.string.trimmingWhitespace()
                guard !trimmed.isEmpty, value.tag != Tag(.null) else {
                    problem("'\(key)' needs a value after the ':'", at: keyNode)
                    return nil
                }
                return trimmed
            }
            switch key {
            case "title": title = string()
            case "subtitle": subtitle = string()
            case "description": description = string()
            case "authors":
                if let sequence = value.sequence {
                    authors = []
                    for item in sequence {
                        guard let name = item.scalar?.string.trimmingWhitespace(), !name.isEmpty else {
                            problem("each of 'authors' is a name", at: item)
                            continue
                        }
                        authors.append(name)
                    }
                } else if let name = string() {
                    authors = [name]
                }
            case "language":
                guard let tag = string() else { continue }
                if Self.isLanguageTag(tag) {
                    language = tag
                } else {
                    problem("'\(tag)' is not a language tag such as 'en', 'fr' or 'pt-BR'")
                }
            case "repository":
                guard let url = string() else { continue }
                let lower = url.lowercased()
                if (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && url.count > 8
                    && !url.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) {
                    repository = url.hasSuffix("/") ? String(url.dropLast()) : url
                } else {
                    problem("'repository' is the book's https:// (or http://) address, such as https://github.com/you/your-book")
                }
            case "search":
                guard let scalar = value.scalar, value.tag == Tag(.bool) || ["true", "false"].contains(scalar.string.lowercased()),
                      let on = value.bool else {
                    problem("'search' is true or false")
                    continue
                }
                search = on
            default:
                let shown = keyNode.scalar == nil ? "a \(Self.kind(of: keyNode))" : "'\(key)'"
                diagnostics.append(Diagnostic(at: keyNode.mark, in: text, path: path, message:
                    "unknown key \(shown) in book.yml" + Suggestion.hint(for: key, in: Self.keys)
                    + "; the keys are \(Self.keys.joined(separator: ", "))"))
            }
        }
        try Diagnostics.check(diagnostics)
    }

    /// `en`, `de-CH`, `zh-Hant-TW`: a primary language of 2–3 letters, then subtags of 1–8 letters or digits.
    static func isLanguageTag(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { (1...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    private static func kind(of node: Node) -> String {
        switch node {
        case .scalar: "single value"
        case .mapping: "mapping of keys"
        case .sequence: "list"
        case .alias: "alias"
        }
    }

    /// A YAML syntax error at the place libyaml found it.
    private static func diagnostic(for error: any Error, path: String, text: String) -> Diagnostic {
        guard let yaml = error as? YamlError else {
            return Diagnostic(path: path, message: "cannot read book.yml: \(error)")
        }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let during = context.map { " \($0.text) that starts at line \($0.mark.line)" } ?? ""
            return Diagnostic(at: mark, in: text, path: path, message: "not valid YAML: \(problem)\(during)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return Diagnostic(at: context.mark, in: text, path: path, message:
                "a key given twice in book.yml: \(duplicates.sorted().joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return Diagnostic(path: path, message: "not valid YAML: \(problem)")
        default:
            return Diagnostic(path: path, message: "not valid YAML: \(yaml)")
        }
    }
}

extension Diagnostic {
    /// An error at a YAML mark, whose column counts Unicode scalars, given as docgen's
    /// columns are: in UTF-8 bytes.
    init(at mark: Mark?, in text: String, path: String, message: String) {
        guard let mark else {
            self.init(path: path, message: message)
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var column = mark.column
        if mark.line >= 1, mark.line <= lines.count {
            let scalars = lines[mark.line - 1].unicodeScalars
            column = 1 + scalars.prefix(max(0, mark.column - 1)).reduce(0) { $0 + String($1).utf8.count }
        }
        self.init(path: path, line: mark.line, column: column, message: message)
    }
}
