import CommonMark
import ExperimentKit
import Foundation
import SourceDigest

/// A place in a chapter as memo entries keep it.
struct MemoPlace: Sendable, Hashable {
    var file: String
    var line: Int
    var column: Int

    init(_ location: SourceLocation) {
        (file, line, column) = (location.file, location.line, location.column)
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    func write(to writer: inout MemoBytesWriter) {
        writer.string(file)
        writer.int(line)
        writer.int(column)
    }

    init?(reading reader: inout MemoBytesReader) {
        guard let file = reader.string(), let line = reader.int(), let column = reader.int() else { return nil }
        (self.file, self.line, self.column) = (file, line, column)
    }
}

/// What one page tells the rest of the book, from its own bytes alone (issue 24): its
/// title, the things it numbers, the experiments and works it names, the files it lists.
/// Kept by `Memo` (kind `facts`) under the page's bytes, so that an unchanged page
/// needs no parse for the others to be numbered, planned and keyed.
struct PageFacts: Sendable {
    /// One numbered thing in reading order, as `Resolver.number` sees it.
    struct Numbered: Sendable {
        enum Tag: String, Sendable { case math, label, exercise }
        var tag: Tag
        /// `label`: the kind's raw value; `math`: unused.
        var kind: String = ""
        /// `math`: the `\label` as written; `label` and `exercise`: the name after the colon (nil: an unlabelled exercise).
        var name: String?
        var location: MemoPlace?
        /// `exercise`: where its fence starts.
        var fence: MemoPlace?
    }

    /// An experiment named at a place, as `plan` notes it (every time, in order).
    struct Use: Sendable {
        var experiment: String
        var location: MemoPlace
    }

    /// A cited key and where, for the check against `references.bib`.
    struct Citation: Sendable {
        var key: String
        var location: MemoPlace
    }

    var title: String
    var numbered: [Numbered]
    var uses: [Use]
    var citations: [Citation]
    /// Files the page's listings read (paths as written, relative to the package root).
    var listings: [String]
}

/// The `facts` entry's form (`MemoBytes`); in an extension, so the memberwise initialiser stays.
extension PageFacts {
    private static let kind = "facts 2"

    /// The `facts` entry.
    func encoded() -> [UInt8] {
        var writer = MemoBytesWriter(kind: Self.kind)
        writer.string(title)
        writer.array(numbered) { writer, item in
            writer.string(item.tag.rawValue)
            writer.string(item.kind)
            writer.optional(item.name) { $0.string($1) }
            writer.optional(item.location) { $1.write(to: &$0) }
            writer.optional(item.fence) { $1.write(to: &$0) }
        }
        writer.array(uses) { writer, use in
            writer.string(use.experiment)
            use.location.write(to: &writer)
        }
        writer.array(citations) { writer, citation in
            writer.string(citation.key)
            citation.location.write(to: &writer)
        }
        writer.array(listings) { $0.string($1) }
        return writer.bytes
    }

    /// nil for anything that is not what `encoded()` wrote.
    init?(decoding bytes: [UInt8]) {
        guard var reader = MemoBytesReader(bytes, kind: Self.kind), let title = reader.string(),
              let numbered = reader.array({ reader -> Numbered? in
                  guard let tag = reader.string().flatMap(Numbered.Tag.init(rawValue:)), let kind = reader.string(),
                        let name = reader.optional({ $0.string() }), let location = reader.optional(MemoPlace.init(reading:)),
                        let fence = reader.optional(MemoPlace.init(reading:)) else { return nil }
                  return Numbered(tag: tag, kind: kind, name: name, location: location, fence: fence)
              }),
              let uses = reader.array({ reader -> Use? in
                  guard let experiment = reader.string(), let location = MemoPlace(reading: &reader) else { return nil }
                  return Use(experiment: experiment, location: location)
              }),
              let citations = reader.array({ reader -> Citation? in
                  guard let key = reader.string(), let location = MemoPlace(reading: &reader) else { return nil }
                  return Citation(key: key, location: location)
              }),
              let listings = reader.array({ $0.string() }), reader.atEnd
        else { return nil }
        self.init(title: title, numbered: numbered, uses: uses, citations: citations, listings: listings)
    }
}

/// Everything a page contributes to the site once resolved and rendered, kept under the page
/// key (`PageMemo.pageKey`): its search sections, the ids print.html must avoid, its warnings,
/// derivations checked, its file's content id and its figure files' names (kind `page`). The
/// file itself is kept apart (kind `html`, the same key), read only when the output lacks it;
/// so is each figure file, once (kind `file`, `fileKey`): copies of a chapter share them.
struct PageOutput: Sendable {
    /// The page's file: its bytes, or in an output from the memo what `Builder` made of the
    /// `html` entry (bytes read, or `StoredBytes` when the output already holds them).
    var document: SiteFile.Piece
    /// Those of its element ids print.html's contexts read (`Render.PrintIds.thatMatter`).
    var elementIds: Set<String>
    /// Its sections of the search index, as `SearchIndex.lines` writes them.
    var search: String
    var warnings: [Diagnostic]
    var derivations: Int
    /// The figure files as rendered; empty in an output from the memo (see `figures`).
    var figureFiles: [(path: String, bytes: [UInt8])] {
        didSet { figures = figureFiles.map { ($0.path, ContentId($0.bytes)) } }
    }
    /// Each figure file's path and content id, in order.
    private(set) var figures: [(path: String, id: ContentId)] = []

    /// The memo input of a figure file.
    static func fileKey(path: String, id: ContentId) -> [UInt8] { Array("file 2\n\(path)\n\(id.count) \(id.checksum)\n".utf8) }

    private static let kind = "page 2"

    /// The `page` entry: everything but the document's bytes.
    func encoded() -> [UInt8] {
        var writer = MemoBytesWriter(kind: Self.kind)
        document.id.write(to: &writer)
        writer.array(elementIds.sorted()) { $0.string($1) }
        writer.string(search)
        writer.array(warnings) { writer, warning in
            writer.string(warning.path)
            writer.optional(warning.line) { $0.int($1) }
            writer.optional(warning.column) { $0.int($1) }
            writer.string(warning.message)
            writer.optional(warning.detail) { $0.string($1) }
        }
        writer.int(derivations)
        writer.array(figures) { writer, figure in
            writer.string(figure.path)
            figure.id.write(to: &writer)
        }
        return writer.bytes
    }

    init(document: [UInt8], elementIds: Set<String>, search: String, warnings: [Diagnostic], derivations: Int,
         figureFiles: [(path: String, bytes: [UInt8])]) {
        self.document = .bytes(document)
        self.elementIds = elementIds
        self.search = search
        self.warnings = warnings
        self.derivations = derivations
        self.figureFiles = figureFiles
        figures = figureFiles.map { ($0.path, ContentId($0.bytes)) }
    }

    /// nil for anything that is not what `encoded()` wrote. The document is `load`'s, read
    /// when it is needed, and must have the id the entry gives.
    init?(decoding bytes: [UInt8], document load: @escaping @Sendable () -> [UInt8]?) {
        guard var reader = MemoBytesReader(bytes, kind: Self.kind), let document = ContentId(reading: &reader),
              let elementIds = reader.array({ $0.string() }), let search = reader.string(),
              let warnings = reader.array({ reader -> Diagnostic? in
                  guard let path = reader.string(), let line = reader.optional({ $0.int() }), let column = reader.optional({ $0.int() }),
                        let message = reader.string(), let detail = reader.optional({ $0.string() }) else { return nil }
                  var warning = Diagnostic(path: path, line: line, column: column, message: message, detail: detail)
                  warning.severity = .warning
                  return warning
              }),
              let derivations = reader.int(),
              let figures = reader.array({ reader -> (path: String, id: ContentId)? in
                  guard let path = reader.string(), let id = ContentId(reading: &reader) else { return nil }
                  return (path, id)
              }),
              reader.atEnd
        else { return nil }
        self.document = .stored(StoredBytes(id: document, read: load))
        self.elementIds = Set(elementIds)
        self.search = search
        self.warnings = warnings
        self.derivations = derivations
        figureFiles = []
        self.figures = figures
    }
}

/// The keys of the page memo (issue 24). A page's facts are keyed by its bytes and
/// place; its output by those, by everything it reads from the rest of the book
/// (`bookKey`: every page's title and place, every label's number, the settings, the
/// bibliography, the commit) and by the results of the experiments it uses.
enum PageMemo {
    /// A page's bytes as a digest, computed once a build: every key of the page holds it.
    static func digest(_ source: SourceFile) -> String {
        var hasher = SHA256()
        hasher.update(source.text)
        return hasher.hexDigest()
    }

    /// `digest`: the page's bytes (`digest(_:)`).
    static func factsInput(_ source: SourceFile, digest: String, registry: Registry) -> [UInt8] {
        var text = "facts 2\n\(source.path)\n\(source.number.map(String.init) ?? "-")\n\(source.slug)\n"
        text += registry.ids.joined(separator: ",") + "\n" + digest + "\n"
        return Array(text.utf8)
    }

    static func facts(_ source: SourceFile, digest: String, registry: Registry, memo: Memo) -> PageFacts? {
        memo.load("facts", for: factsInput(source, digest: digest, registry: registry)).flatMap(PageFacts.init(decoding:))
    }

    static func store(_ facts: PageFacts, of source: SourceFile, digest: String, registry: Registry, memo: Memo) {
        guard memo.writable, memo.directory != nil else { return }
        memo.store("facts", for: factsInput(source, digest: digest, registry: registry), facts.encoded())
    }

    /// What every page reads from the book as a whole, as one digest.
    static func bookKey(_ book: Book, labels: LabelTable, bibliography: SourceFile?, listsReferences: Bool, commit: String?,
                        registry: Registry) -> String {
        var hasher = SHA256()
        func add(_ text: String) {
            hasher.update("\(text.utf8.count):")
            hasher.update(text)
        }
        add("book 1")
        add(book.title)
        add("\(book.settings)")
        add(bibliography?.text ?? "-")
        for page in book.pages { add("\(page.path)\n\(page.number.map(String.init) ?? "-")\n\(page.slug)\n\(page.title)") }
        for (key, label) in labels.labels.sorted(by: { $0.key < $1.key }) { add("\(key) \(label.number) \(label.slug) \(label.id)") }
        add(listsReferences ? "references" : "-")
        add(commit ?? "-")
        add(registry.ids.joined(separator: ","))
        return hasher.hexDigest()
    }

    /// One experiment's results as a digest (the numbers every seed gave).
    static func resultsKey(_ runs: ExperimentRuns) -> String {
        var hasher = SHA256()
        hasher.update((try? BinaryEncoder().encode(runs.runs)) ?? Array("unencodable".utf8))
        hasher.update("seeds \(runs.seeds ?? [])")
        return hasher.hexDigest()
    }

    /// The key of a page's output: the book's key, the page's place and bytes, the files its
    /// listings read (`listingDigests`, by path), and the results of the experiments it uses.
    static func pageKey(bookKey: String, index: Int, source: SourceFile, digest: String, facts: PageFacts, experiments: [String],
                        results: [String: String], listingDigests: [String: String]) -> [UInt8] {
        var text = "page 2\n\(bookKey)\n\(index)\n\(source.path)\n\(source.number.map(String.init) ?? "-")\n\(source.slug)\n\(digest)\n"
        for experiment in experiments { text += "experiment \(experiment) \(results[experiment] ?? "-")\n" }
        for listing in facts.listings { text += "listing \(listing) \(listingDigests[listing] ?? "unreadable")\n" }
        return Array(text.utf8)
    }

    /// The digest of each file the pages' listings read, once a build however many pages list it.
    static func listingDigests(_ facts: [PageFacts], packageRoot: String) -> [String: String] {
        var digests: [String: String] = [:]
        for listing in facts.flatMap(\.listings) where digests[listing] == nil {
            guard let data = FileManager.default.contents(atPath: joinPath(packageRoot, listing)) else { continue }
            var hasher = SHA256()
            hasher.update([UInt8](data))
            digests[listing] = hasher.hexDigest()
        }
        return digests
    }

    /// The key of a page's section of print.html: its page key, what it reads of the
    /// other pages (`Render.PrintContext.key`) and its section's id.
    static func printKey(pageKey: [UInt8], context: String, sectionId: String) -> [UInt8] {
        Array("print 2\n\(context)\n\(sectionId)\n".utf8) + pageKey
    }

    static func idsKey(_ ids: Set<String>) -> String {
        var hasher = SHA256()
        for id in ids.sorted() {
            hasher.update(id)
            hasher.update([0])
        }
        return hasher.hexDigest()
    }
}
