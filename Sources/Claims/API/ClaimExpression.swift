import SourceErrors
/// A parsed expression of a claim: its typed tree, the names it uses, and the
/// text it was parsed from (for locations, carets and sentences).
///
/// The grammar, loosest binding first:
///
///     expr    := expr 'or' expr | expr 'and' expr | 'not' expr
///              | sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?    -- no chaining
///     sum     := sum ('+' | '-') product | product
///     product := product ('*' | '/') unary | unary
///     unary   := '-' unary | atom
///     atom    := NUMBER | NAME | '(' expr ')' | FUNCTION '(' expr (',' expr)* ')'
///              | ('all' | 'any') '(' expr ')'
///
/// Numbers are decimal with an optional exponent (`2`, `0.5`, `.5`, `1e-3`).
/// Names are `experiment.key`, `experiment.key.mean` (or `.sd`, `.min`, `.max`)
/// and `experiment.param.NAME`, made of letters, digits, `_` and `-`, starting
/// with a letter or `_`. A `-` with a letter, digit or `_` on both sides is
/// part of the word it stands in, never a minus: `lk-fit.sigma-ml` is one name,
/// and `a.x-b.y` is one (unknown) name too. Write a subtraction with a space
/// (or a bracket) on one side of the `-` at least: `a.x - b.y`. `2-1` is an
/// error for the same reason; `1e-3` is a number.
///
/// Types are checked while parsing: arithmetic, comparisons and functions take
/// numbers; `and`, `or`, `not`, `all` and `any` take true or false.
public struct ClaimExpression: Sendable, Equatable, CustomStringConvertible {
    /// The tree.
    public let root: Node
    /// Every name, in source order, once per use.
    public let names: [NameUse]
    let source: LocatedText

    /// The longest text between `{{` and `}}` accepted, in UTF-8 bytes: a claim is
    /// a sentence's worth, and a bound keeps hostile input cheap.
    public static let maximumLength = 4096
    /// How deeply an expression may nest (brackets, calls, `-`, `not`), and how tall its tree may be.
    public static let maximumDepth = Parser.maximumDepth

    init(root: Node, names: [NameUse], source: LocatedText) {
        self.root = root
        self.names = names
        self.source = source
    }

    /// Parses `text` as a whole expression, a number or true or false, whose first
    /// byte is at `location` in the chapter.
    public static func parse(_ text: String, at location: TextLocation) throws(LocatedError) -> ClaimExpression {
        let source = LocatedText(text, start: location)
        try checkLength(source)
        do {
            let parser = try Parser(source)
            let parsed = try parser.parseBare()
            return ClaimExpression(root: parsed.node, names: parser.names, source: source)
        } catch {
            throw source.error(error.message, at: error.range)
        }
    }

    static func checkLength(_ source: LocatedText) throws(LocatedError) {
        guard source.bytes.count > maximumLength else { return }
        throw source.error("a claim may be \(maximumLength) bytes long, this one is \(source.bytes.count)", at: 0..<1)
    }

    /// A number or true or false.
    public var type: ClaimType { root.type }

    /// Its UTF-8 byte range in the text it was parsed from.
    public var range: Range<Int> { root.range }

    /// The expression as written.
    public var text: String { source.slice(range) }

    /// Where its first byte is in the chapter.
    public var location: TextLocation { source.location(of: range.lowerBound) }

    /// The expression as written.
    public var description: String { text }

    // MARK: Errors for the caller

    /// An error at `range` (UTF-8 bytes of the text it was parsed from), with the caret under it.
    public func error(_ message: String, at range: Range<Int>) -> LocatedError {
        source.error(message, at: range)
    }

    /// The error for a name the build does not know, given every name it does
    /// know: an unknown experiment is underlined and matched against the
    /// experiments, an unknown output or parameter against that experiment's,
    /// each with "did you mean" when one is close. When the name runs into a
    /// `-` where a known name ends (`a.x-1`), the message says to put spaces
    /// around the minus.
    public func unknownName(_ use: NameUse, candidates: [ValueName]) -> LocatedError {
        let experiment = use.name.experiment
        let experimentRange = use.range.lowerBound..<use.range.lowerBound + experiment.utf8.count
        let experiments = Array(Set(candidates.map(\.experiment))).sorted()
        guard experiments.contains(experiment) else {
            let hint = Suggestion.hint(for: experiment, in: experiments)
            return error("unknown experiment '\(experiment)'\(hint)", at: experimentRange)
        }
        let siblings = candidates.filter { $0.experiment == experiment && $0.kind == use.name.kind }.map(\.key).sorted()
        let prefix = use.name.kind == .parameter ? "\(experiment).param." : "\(experiment)."
        let keyStart = use.range.lowerBound + prefix.utf8.count
        let keyRange = keyStart..<keyStart + use.name.key.utf8.count
        let what = use.name.kind == .parameter ? "parameter" : "value"
        let hint = Suggestion.hint(for: use.name.key, in: siblings)
        return error(
            "experiment '\(experiment)' has no \(what) '\(use.name.key)'\(hint)" + subtractionHint(use, siblings), at: keyRange)
    }

    /// `; to subtract, put spaces around '-': 'a.x - 1'` when the key runs on past a known one at a `-`.
    private func subtractionHint(_ use: NameUse, _ known: [String]) -> String {
        let key = use.name.key
        var searchFrom = key.startIndex
        while let dash = key[searchFrom...].firstIndex(of: "-") {
            if known.contains(String(key[..<dash])) {
                let prefix = use.name.kind == .parameter ? "\(use.name.experiment).param." : "\(use.name.experiment)."
                let suffix = use.aggregate.map { ".\($0.rawValue)" } ?? ""
                return "; to subtract, put spaces around '-': '\(prefix)\(key[..<dash]) - \(key[key.index(after: dash)...])\(suffix)'"
            }
            searchFrom = key.index(after: dash)
        }
        return ""
    }
}
