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
}
