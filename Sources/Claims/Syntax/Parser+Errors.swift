import SourceErrors
/// The parser's messages, built here, off the recursive path, so that the
/// frames of the functions that recurse stay small.
extension Parser {
    /// What needs an operand of a type: named in a type error.
    enum User {
        case and, or, not, negation, claim, condition
        case comparison(ComparisonOperator)
        case arithmetic(ArithmeticOperator)
        case function(ClaimFunction)
        case quantifier(Quantifier)

        var text: String {
            switch self {
            case .and: "'and'"
            case .or: "'or'"
            case .not: "'not'"
            case .negation: "'-'"
            case .claim: "a claim"
            case .condition: "'if'"
            case .comparison(let op): "'\(op.rawValue)'"
            case .arithmetic(let op): "'\(op.rawValue)'"
            case .function(let function): "\(function.rawValue)(…)"
            case .quantifier(let kind): "\(kind.rawValue)(…)"
            }
        }
    }

    /// What a `)` closes: named when it is missing.
    enum Opening {
        case group
        case call(String)

        var text: String {
            switch self {
            case .group: "'('"
            case .call(let name): "\(name)("
            }
        }
    }

    func mismatch(_ type: ClaimType, _ node: ClaimExpression.Node, for user: User) -> LocalError {
        let text = excerpt(node.range)
        let message = switch type {
        case .boolean: "'\(text)' is a number, but \(user.text) needs true or false; compare it, e.g. '\(text) > 0'"
        case .number: "'\(text)' is true or false, but \(user.text) needs a number"
        }
        return LocalError(message, at: node.range)
    }

    func tooDeep(at range: Range<Int>) -> LocalError {
        LocalError("the expression nests more than \(Parser.maximumDepth) levels deep", at: range)
    }

    func endsEarly() -> LocalError {
        LocalError("the claim ends where a value was expected", at: endRange)
    }

    func noValue(_ token: Token) -> LocalError {
        switch token.kind {
        case .string: LocalError("words in quotes come only after 'then' and 'else'", at: token.range)
        case .plus: LocalError("a value cannot start with '+'", at: token.range)
        default: LocalError("expected a value before \(list.quoted(token))", at: token.range)
        }
    }

    func chainedComparison(_ first: ComparisonOperator, _ second: ComparisonOperator, at range: Range<Int>) -> LocalError {
        LocalError("comparisons do not chain: write 'a \(first.rawValue) b and b \(second.rawValue) c'", at: range)
    }

    func notNeedsParentheses(at range: Range<Int>) -> LocalError {
        LocalError("put 'not …' in parentheses here: it binds more loosely than comparisons and arithmetic", at: range)
    }

    func wrongArity(_ function: ClaimFunction, _ count: Int, at range: Range<Int>) -> LocalError {
        let wanted = function.arity.count == 1 ? "one number" : "two numbers or more"
        return LocalError("\(function.rawValue)(…) takes \(wanted), not \(count)", at: range)
    }

    func nestedQuantifier(_ inner: Quantifier, in outer: Quantifier, at range: Range<Int>) -> LocalError {
        LocalError("\(inner.rawValue)(…) inside \(outer.rawValue)(…): the outer one already takes each seed", at: range)
    }

    func quantifierTakesOneCondition(_ kind: Quantifier, at range: Range<Int>) -> LocalError {
        LocalError("\(kind.rawValue)(…) takes one condition; join conditions with 'and' or 'or'", at: range)
    }

    func nothingPerSeed(_ kind: Quantifier, at range: Range<Int>) -> LocalError {
        LocalError(
            "\(kind.rawValue)(…) names no experiment value to take seed by seed (aggregates and parameters are the same at every seed)",
            at: range)
    }

    func functionNeedsBrackets(_ name: String, at range: Range<Int>) -> LocalError {
        LocalError("'\(name)' is a function: write \(name)(…)", at: range)
    }

    func unclosed(_ what: Opening, at range: Range<Int>) -> LocalError {
        LocalError("\(what.text) has no closing ')'", at: range)
    }

    func expectedClose(_ what: Opening, found token: Token) -> LocalError {
        LocalError("expected ')' to close \(what.text), found \(list.quoted(token))", at: token.range)
    }

    func unknownAggregate(_ segments: [String], _ range: Range<Int>) -> LocalError {
        let last = range.upperBound - segments[2].utf8.count..<range.upperBound
        let hint = Suggestion.hint(for: segments[2], in: Aggregate.allCases.map(\.rawValue))
        let subtraction = segments[1].contains("-") ? "; to subtract, put spaces around '-'" : ""
        return LocalError(
            "unknown aggregate '\(segments[2])'\(hint); after a value comes .mean, .sd, .min or .max\(subtraction)", at: last)
    }

    func tooManyParts(_ segments: [String], _ range: Range<Int>) -> LocalError {
        let written = segments.joined(separator: ".")
        if segments.count == 4, segments[1] == "param" {
            return LocalError("'\(written)': a parameter has one value, so it takes no '.\(segments[3])'", at: range)
        }
        return LocalError(
            "'\(written)' has too many parts: a value is written experiment.key, experiment.key.mean (or .sd, .min, .max) or experiment.param.NAME",
            at: range)
    }

    /// A word that is neither a function nor allowed here.
    func unknownWord(_ word: String, _ token: Token) -> LocalError {
        let keywords = ["and", "or", "not", "then", "else", "check", "if"]
        let callables = ClaimFunction.allCases.map(\.rawValue) + Quantifier.allCases.map(\.rawValue)
        if let next = tokenAfterCurrent, next.kind == .open {
            let hint = Suggestion.hint(for: word, in: callables)
            return LocalError("unknown function '\(word)'\(hint); the functions are abs, min, max, log, exp, all and any", at: token.range)
        }
        let hint = Suggestion.hint(for: word, in: keywords + callables)
        return LocalError(
            hint.isEmpty ? "'\(word)' is not a value: a value is named experiment.key" : "unknown word '\(word)'\(hint)", at: token.range)
    }

    /// The source of `range` for a message, shortened when long.
    func excerpt(_ range: Range<Int>) -> String {
        let text = source.slice(range)
        return text.count <= 40 ? text : String(text.prefix(37)) + "…"
    }
}
