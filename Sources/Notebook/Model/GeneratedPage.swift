/// The pages a build writes besides one per chapter. No chapter may take
/// their names, nor the preface's: a chapter `01-print.md` would otherwise be
/// overwritten by `print.html` without a word.
public enum GeneratedPage: String, CaseIterable, Sendable {
    /// The whole book on one page, for printing.
    case print
    /// The bibliography, when the book cites (DESIGN.md, "Output layout").
    case references
    /// The search page, when search is on (DESIGN.md, "Output layout").
    case search

    /// The page's file name in the output.
    public var fileName: String { rawValue + ".html" }

    /// The preface's slug (`index.md` becomes `index.html`).
    public static let prefaceSlug = "index"

    /// Slugs no numbered chapter may have, compared in lower case (a file
    /// `Print.html` is `print.html` where letter case does not count).
    public static let reservedSlugs = [prefaceSlug] + allCases.map(\.rawValue)
}
