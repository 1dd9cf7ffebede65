import SourceErrors
/// `{{check EXPR}}` and `{{if EXPR then "…" else "…"}}` in prose: a claim the
/// build checks, and words the build picks by a condition.
///
/// ```swift
/// guard InlineExpression.recognizes(body) else { /* a value: {{exp.key | fixed:3}} */ }
/// let parsed = try InlineExpression.parse(body, at: locationOfBodysFirstByte)
/// for use in parsed.expression.names where !declared.contains(use.name) {
///     throw parsed.expression.unknownName(use, candidates: declared)
/// }
/// // … after the experiments ran:
/// let outcome = try parsed.resolve(in: results)   // a false claim throws
/// print(outcome.words ?? "", outcome.evaluation.sentence)
/// ```
public enum InlineExpression: Sendable, Equatable {
    /// `{{check EXPR}}`: EXPR must hold, or the build fails.
    case check(ClaimExpression)
    /// `{{if EXPR then "…" else "…"}}`: the first words when EXPR holds, else the second.
    /// The words may hold Markdown inline; they are returned as written, with
    /// `\"` and `\\` resolved and any other backslash left for Markdown.
    case choice(ClaimExpression, then: String, else: String)

    /// Whether `body`, the text between `{{` and `}}`, is a claim or a choice
    /// rather than a value: its first word is `check` or `if`.
    ///
    /// A word is what a name is made of, so `{{if-exp.key}}` and `{{check.key}}`
    /// are values of experiments named `if-exp` and `check`.
    public static func recognizes(_ body: some StringProtocol) -> Bool {
        let bytes = Array(body.utf8)
        var start = 0
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count, Lexer.isLetter(bytes[start]) else { return false }
        let word = bytes[start..<Lexer.wordEnd(bytes, from: start)]
        return word.elementsEqual("check".utf8) || word.elementsEqual("if".utf8)
    }

    /// Parses `body`, the text between `{{` and `}}`, whose first byte is at
    /// `location` in the chapter (1-based line, 1-based UTF-8 byte column).
    ///
    /// Syntax, type, nesting and length errors come back located, with a caret.
    /// Names are not checked here: the caller compares ``ClaimExpression/names``
    /// with what the experiments declare.
    public static func parse(_ body: String, at location: TextLocation) throws(LocatedError) -> InlineExpression {
        let source = LocatedText(body, start: location)
        try ClaimExpression.checkLength(source)
        do {
            let parser = try Parser(source)
            switch try parser.parseBody() {
            case .check(let claim):
                return .check(ClaimExpression(root: claim.node, names: parser.names, source: source))
            case .choice(let condition, let then, let otherwise):
                return .choice(ClaimExpression(root: condition.node, names: parser.names, source: source), then: then, else: otherwise)
            }
        } catch {
            throw source.error(error.message, at: error.range)
        }
    }

    /// The claim or the condition.
    public var expression: ClaimExpression {
        switch self {
        case .check(let expression), .choice(let expression, _, _): expression
        }
    }

    /// Evaluates with the values `environment` gives: a claim that holds, or the
    /// words a choice picks, with the evaluation whose ``Evaluation/sentence`` a
    /// tooltip shows.
    ///
    /// A claim that does not hold throws ``Evaluation/failure``:
    /// `claim does not hold: a.x = 0.3030 > b.y = 0.3000 is false`.
    public func resolve(in environment: some ClaimEnvironment) throws(LocatedError) -> InlineOutcome {
        let evaluation = try expression.evaluate(in: environment)
        switch self {
        case .check:
            if let failure = evaluation.failure { throw failure }
            return InlineOutcome(evaluation: evaluation, words: nil)
        case .choice(_, let then, let otherwise):
            return InlineOutcome(evaluation: evaluation, words: evaluation.holds ? then : otherwise)
        }
    }
}

/// What a `{{check …}}` or `{{if …}}` came to.
public struct InlineOutcome: Sendable {
    /// The evaluation: its value, trace and sentence.
    public var evaluation: Evaluation
    /// The words a choice picked; nil for a claim, which prints nothing.
    public var words: String?
}
