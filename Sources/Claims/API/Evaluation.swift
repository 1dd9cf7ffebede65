import SourceErrors
/// What an expression came to, with every name's value and the sentence that shows them.
public struct Evaluation: Sendable {
    /// The expression evaluated.
    public let expression: ClaimExpression
    /// True or false, or the number.
    public let value: ClaimValue
    /// Every name with the values it was read as, in source order; a name used
    /// both per seed and not is listed once each way.
    public let trace: [TracedName]
    let tape: Tape

    init(expression: ClaimExpression, value: ClaimValue, trace: [TracedName], tape: Tape) {
        self.expression = expression
        self.value = value
        self.trace = trace
        self.tape = tape
    }

    /// Whether a true-or-false expression came out true; false for a number.
    public var holds: Bool { value.boolean == true }

    /// The expression with each name's value, and what it came to:
    /// `lk-gaussian-fit.sigma-ml = 0.3030 > lk-gaussian-fit.sigma-true = 0.3000 is false`.
    ///
    /// For the build's message when a claim fails and for a reader's tooltip
    /// when it holds; the choices it makes are described at `SentenceRenderer`
    /// (four significant digits, more where a comparison needs them; names in
    /// arithmetic bracketed; quantifiers shown at the seed that decided them).
    public var sentence: String {
        SentenceRenderer(source: expression.source, tape: tape).sentence(expression.root)
    }

    /// The part of the expression to underline when a claim fails: the first
    /// false operand of a false `and`, followed down; the whole claim otherwise.
    public var blame: Range<Int> {
        var node = expression.root
        while true {
            switch node {
            case .group(let inner, _):
                node = inner
            case .and(let operands, _):
                guard let first = operands.first(where: { tape.value(of: $0, seed: nil) == .boolean(false) }) else {
                    return node.range
                }
                node = first
            default:
                return node.range
            }
        }
    }

    /// `claim does not hold: <sentence>` at ``blame``, for a false claim; nil when it holds.
    public var failure: LocatedError? {
        guard value == .boolean(false) else { return nil }
        return expression.error("claim does not hold: \(sentence)", at: blame)
    }
}

/// One name of an evaluated expression with the values it was read as.
public struct TracedName: Sendable, Equatable {
    /// The name's first use of this kind (per seed or not).
    public var use: NameUse
    /// One value, or one per seed for a name read per seed inside `all(…)` / `any(…)`.
    /// An aggregate's value is the aggregate; an output outside a quantifier is its first seed.
    public var values: [Double]

    /// `use`, read as `values`.
    public init(use: NameUse, values: [Double]) {
        self.use = use
        self.values = values
    }
}
