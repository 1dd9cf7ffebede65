/// One lexical unit of a claim: its kind, its byte range in the body, and for
/// numbers, words, names and strings an index into the lexer's side tables.
///
/// Plain data with no references, so the parser's recursive functions copy it
/// for free and their frames stay small.
struct Token: Sendable, Equatable {
    enum Kind: UInt8, Sendable {
        /// `0.5`, `.5`, `1e-3`; the value is `numbers[payload]`.
        case number
        /// A word without a dot that is not a keyword: a function (`abs`) or a
        /// mistake; the text is `texts[payload]`.
        case word
        /// A dotted name (`lk-fit.sigma-ml.mean`); the text is `texts[payload]`.
        case name
        /// A double-quoted string, escapes resolved; the text is `texts[payload]`.
        case string
        case plus, minus, star, slash
        case less, lessOrEqual, greater, greaterOrEqual, equal, notEqual
        case open, close, comma
        case and, or, not, then, `else`, check, `if`
    }

    var kind: Kind
    var range: Range<Int>
    var payload: Int = 0

    /// The keywords, by spelling.
    static let keywords: [String: Kind] = [
        "and": .and, "or": .or, "not": .not, "then": .then, "else": .else, "check": .check, "if": .if,
    ]

    /// `+ - * /` as an operator, else nil.
    var arithmetic: ArithmeticOperator? {
        switch kind {
        case .plus: .add
        case .minus: .subtract
        case .star: .multiply
        case .slash: .divide
        default: nil
        }
    }

    /// `< <= > >= == !=` as an operator, else nil.
    var comparison: ComparisonOperator? {
        switch kind {
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .equal: .equal
        case .notEqual: .notEqual
        default: nil
        }
    }
}

/// The tokens of a body and the values they refer to.
struct TokenList: Sendable {
    var tokens: [Token] = []
    var numbers: [Double] = []
    var texts: [String] = []

    mutating func append(_ kind: Token.Kind, _ range: Range<Int>) {
        tokens.append(Token(kind: kind, range: range))
    }

    mutating func append(_ kind: Token.Kind, _ range: Range<Int>, text: String) {
        tokens.append(Token(kind: kind, range: range, payload: texts.count))
        texts.append(text)
    }

    mutating func append(number: Double, _ range: Range<Int>) {
        tokens.append(Token(kind: .number, range: range, payload: numbers.count))
        numbers.append(number)
    }

    /// The token as a message quotes it.
    func quoted(_ token: Token) -> String {
        switch token.kind {
        case .number: "the number"
        case .word, .name: "'\(texts[token.payload])'"
        case .string: "a string"
        default: "'\(Self.spelling[token.kind] ?? "?")'"
        }
    }

    private static let spelling: [Token.Kind: String] = {
        var spelling: [Token.Kind: String] = [
            .plus: "+", .minus: "-", .star: "*", .slash: "/", .open: "(", .close: ")", .comma: ",",
            .less: "<", .lessOrEqual: "<=", .greater: ">", .greaterOrEqual: ">=", .equal: "==", .notEqual: "!=",
        ]
        for (word, kind) in Token.keywords { spelling[kind] = word }
        return spelling
    }()
}
