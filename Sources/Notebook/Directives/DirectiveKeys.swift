/// The keys each directive block accepts: the one list the site builder
/// (`FigureDirective.keys`, `TableDirective.keys`, `Listing.keys`), the fuzz harness
/// `FuzzDirectives` in `Fuzz/` and its replay in the tests all read, so a key added to a
/// directive is fuzzed and replayed too.
///
/// Public only for the harness (`@_spi(Fuzzing)`); not an API for other code.
@_spi(Fuzzing) public enum DirectiveKeys {
    public static let figure = ["experiment", "plot", "label", "caption", "width", "band"]
    public static let table = ["experiment", "table", "label", "caption"]
    public static let listing = ["source", "region"]

    /// Each directive's name (its fence's info string) with its keys. The harness picks
    /// one by an input's first byte modulo the count, so the count and order decide which
    /// directive each committed corpus input feeds.
    public static let all: [(name: String, keys: [String])] = [
        ("figure", figure),
        ("table", table),
        ("listing", listing),
    ]

    /// The blocks whose body is Markdown rather than `key: value` fields. The harness feeds
    /// them after the directives in ``all`` (its modes are `all.count + markdownBlocks.count`).
    public static let markdownBlocks = ["exercise", "callout"]

    /// A one-page chapter holding `body` as a block named in ``markdownBlocks`` (on line 3),
    /// parsed as the site builder parses chapters: the number of nodes in its tree, or why not.
    /// An exercise is a ` ```exercise ` fence around `body`; a callout is `> [!` followed by
    /// `body`, every line quoted, so `body` starts with the kind (`TIP] Short answer`).
    public static func parseChapter(block: String, body: String) -> Result<Int, Diagnostics> {
        let text = switch block {
        case "exercise": "# Fuzz\n\n```exercise\n\(body)\n```\n"
        default: "# Fuzz\n\n" + ("[!" + body).split(separator: "\n", omittingEmptySubsequences: false)
            .map { "> " + $0 }.joined(separator: "\n") + "\n"
        }
        let source = SourceFile(path: "fuzz.md", number: 1, slug: "fuzz", text: text)
        return ChapterParser.parse(source, packageRoot: "/nonexistent").map { chapter in
            var count = 0
            chapter.document.forEach { _ in count += 1 }
            return count
        }
    }
}
