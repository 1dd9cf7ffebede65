import Bibliography

/// The whole book: the preface and the chapters in reading order. Plain data.
public struct Book: Sendable {
    /// The book's title, shown in every page's header: book.yml's, or else the preface's.
    public var title: String
    /// `pages[0]` is the preface; the chapters follow in numeric order.
    public var pages: [Chapter]
    /// `chapters/references.bib`, which citations refer to; nil when the book has none.
    public var bibliography: Bibliography?
    /// `chapters/book.yml`: subtitle, authors, language, repository, search.
    public var settings: BookSettings

    public init(title: String, pages: [Chapter], bibliography: Bibliography? = nil, settings: BookSettings = BookSettings()) {
        self.title = title
        self.pages = pages
        self.bibliography = bibliography
        self.settings = settings
    }
}
