import CommonMark
import XMLTree

/// One page of the book: the preface (`index.md`) or a numbered chapter.
public struct Chapter: Sendable {
    /// The file as the user named it (for example `chapters/03-bce-vs-cce.md`).
    public var path: String
    /// The numeric prefix of the file name; nil for the preface.
    public var number: Int?
    /// The file name without prefix and extension; `index` for the preface.
    public var slug: String
    /// The first `# ` heading.
    public var title: String
    /// The page's one document tree: as parsed, then as resolved.
    var document: DocumentNode
    /// Where the page's numbers come from, shown at its foot; nil without experiments.
    var provenance: Node?

    init(path: String, number: Int?, slug: String, title: String, document: DocumentNode) {
        self.path = path
        self.number = number
        self.slug = slug
        self.title = title
        self.document = document
    }

    /// The page's file name in the output.
    public var fileName: String { slug + ".html" }
}
