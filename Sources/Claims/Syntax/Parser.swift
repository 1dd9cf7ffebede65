import SourceErrors
/// Recursive descent by binding power, from tokens to a typed `ClaimExpression.Node`.
///
/// Precedence, loosest first: `or`, `and`, `not`, comparisons, `+ -`, `* /`,
/// unary `-`, then calls and atoms. Every operand is type-checked as it is
/// combined, so a number where true or false is needed (or the reverse) is an
/// error at that operand's column before anything is evaluated.
///
/// Hostile input stays linear and cannot overflow the stack: every nested
/// construct passes through `parseExpression`, which caps the recursion at
/// ``maximumDepth``, and no tree built is taller than that, so evaluating and
/// printing it recurse no deeper. The functions on the recursive path keep
/// their frames small (messages are built in helpers off that path), because a
/// debug build gives every temporary of a function its own stack slot. It is a
/// class for the same reason: methods of a struct would copy it into their frames.
final class Parser {
    /// How deeply an expression may nest (brackets, calls, `-`, `not`) and how tall its tree may be.
    ///
    /// Far beyond any sentence's claim, and small enough that the deepest
    /// expression allowed parses, evaluates and prints within the 512 KB stack
    /// of a secondary thread (a task's, on macOS) in a debug build, with room to
    /// spare for the caller: measured at up to 3.6 KB per level for parsing
    /// (nested calls) and 2.3 KB for evaluating, so about 230 KB at the cap.
    /// `ClaimsTests.LimitTests` runs the deepest of each shape on such a thread.
    static let maximumDepth = 64

    let source: LocatedText
    let list: TokenList
    private var tokens: [Token] { list.tokens }
    private var position = 0
    private var depth = 0
    /// Every name, in source order.
    private(set) var names: [NameUse] = []
    /// The quantifier being parsed, if any, and how many per-seed names its condition has so far.
    private var quantifier: (kind: Quantifier, perSeedNames: Int)?

    init(_ source: LocatedText) throws(LocalError) {
        self.source = source
        self.list = try Lexer.tokens(of: source)
    }

    /// A parsed node with the height of its tree.
    struct Parsed {
        var node: ClaimExpression.Node
        var height: Int
    }

    /// Binding powers: an operator binds the operands of its own power or tighter.
    enum Power: Int, Comparable {
        case lowest = 0, or, and, not, comparison, additive, multiplicative, prefix

        static func < (a: Power, b: Power) -> Bool { a.rawValue < b.rawValue }

        /// The power of a token as an infix operator; nil for any other token.
        init?(infix kind: Token.Kind) {
            switch kind {
            case .or: self = .or
            case .and: self = .and
            case .less, .lessOrEqual, .greater, .greaterOrEqual, .equal, .notEqual: self = .comparison
            case .plus, .minus: self = .additive
            case .star, .slash: self = .multiplicative
            default: return nil
            }
        }
    }

    // MARK: Token access

    var peek: Token? { position < tokens.count ? tokens[position] : nil }

    func advance() -> Token {
        defer { position += 1 }
        return tokens[position]
    }

    /// The end of the token before the current one: where a construct just closed ends.
    private var previousEnd: Int { tokens[position - 1].range.upperBound }

    /// Where "the claim ends here" errors point: the last byte of the body.
    var endRange: Range<Int> {
        let end = source.bytes.count
        return max(end - 1, 0)..<end
    }

    /// The token after the current one, if any.
    var tokenAfterCurrent: Token? { position + 1 < tokens.count ? tokens[position + 1] : nil }

    /// Whether the next token is of `kind`.
    func next(is kind: Token.Kind) -> Bool {
        peek?.kind == kind
    }

    // MARK: Expressions (the recursive path)

    /// A whole expression, up to a token that cannot continue it.
    func parseWhole() throws(LocalError) -> Parsed {
        try parseExpression(.lowest)
    }

    private func parseExpression(_ power: Power) throws(LocalError) -> Parsed {
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth { throw tooDeep(at: peek?.range ?? endRange) }
        return try parseInfix(try parsePrefix(power), power)
    }

    /// The operators after `left` that bind at `power` or tighter, each taking `left` as its first operand.
    private func parseInfix(_ first: Parsed, _ power: Power) throws(LocalError) -> Parsed {
        var left = first
        while let token = peek, let infix = Power(infix: token.kind), power <= infix {
            switch infix {
            case .or: left = try parseChain(left, and: false)
            case .and: left = try parseChain(left, and: true)
            case .comparison: left = try parseComparison(left)
            case .additive: left = try parseArithmetic(left, multiplicative: false)
            default: left = try parseArithmetic(left, multiplicative: true)
            }
        }
        return left
    }

    /// `left and b and c …` (or `or`): one node for the whole chain.
    private func parseChain(_ left: Parsed, and isAnd: Bool) throws(LocalError) -> Parsed {
        let user: User = isAnd ? .and : .or
        try require(.boolean, left, for: user)
        var operands = [left.node]
        var height = left.height
        while next(is: isAnd ? .and : .or) {
            _ = advance()
            let operand = try parseExpression(isAnd ? .not : .and)
            try require(.boolean, operand, for: user)
            operands.append(operand.node)
            height = max(height, operand.height)
        }
        let range = left.node.range.lowerBound..<previousEnd
        return try make(isAnd ? .and(operands, range) : .or(operands, range), over: height)
    }

    /// `left < right`; a second comparison after it is an error.
    private func parseComparison(_ left: Parsed) throws(LocalError) -> Parsed {
        let op = advance().comparison ?? .equal
        let right = try parseExpression(.additive)
        try require(.number, left, for: .comparison(op))
        try require(.number, right, for: .comparison(op))
        if let chained = peek, let second = chained.comparison {
            throw chainedComparison(op, second, at: chained.range)
        }
        let range = left.node.range.lowerBound..<right.node.range.upperBound
        return try make(.comparison(left.node, op, right.node, range), over: max(left.height, right.height))
    }

    /// `left + b - c …` or `left * b / c …`: one node for the chain of one level.
    private func parseArithmetic(_ left: Parsed, multiplicative: Bool) throws(LocalError) -> Parsed {
        var steps: [ClaimExpression.Step] = []
        var height = left.height
        while let token = peek, let op = token.arithmetic, op.isMultiplicative == multiplicative {
            if steps.isEmpty { try require(.number, left, for: .arithmetic(op)) }
            _ = advance()
            let operand = try parseExpression(multiplicative ? .prefix : .multiplicative)
            try require(.number, operand, for: .arithmetic(op))
            steps.append(ClaimExpression.Step(op: op, operatorRange: token.range, operand: operand.node))
            height = max(height, operand.height)
        }
        let range = left.node.range.lowerBound..<previousEnd
        return try make(.arithmetic(left.node, steps, range), over: height)
    }

    /// A value, a parenthesised expression, a call, `-x` or `not p`.
    private func parsePrefix(_ power: Power) throws(LocalError) -> Parsed {
        guard let token = peek else { throw endsEarly() }
        switch token.kind {
        case .number:
            _ = advance()
            return Parsed(node: .number(list.numbers[token.payload], token.range), height: 1)
        case .name:
            _ = advance()
            return Parsed(node: .name(try nameUse(token)), height: 1)
        case .minus:
            return try parseNegation(token)
        case .open:
            return try parseGroup(token)
        case .not:
            return try parseNot(token, power)
        case .word:
            return try parseWord(token)
        default:
            throw noValue(token)
        }
    }

    /// A function's or a quantifier's name; any other word is an error.
    private func parseWord(_ token: Token) throws(LocalError) -> Parsed {
        let word = list.texts[token.payload]
        if let function = ClaimFunction(rawValue: word) { return try parseCall(function, token) }
        if let kind = Quantifier(rawValue: word) { return try parseQuantifier(kind, token) }
        throw unknownWord(word, token)
    }

    private func parseNegation(_ minus: Token) throws(LocalError) -> Parsed {
        _ = advance()
        let operand = try parseExpression(.prefix)
        try require(.number, operand, for: .negation)
        return try make(.negate(operand.node, minus.range.lowerBound..<operand.node.range.upperBound), over: operand.height)
    }

    private func parseGroup(_ open: Token) throws(LocalError) -> Parsed {
        _ = advance()
        let inner = try parseExpression(.lowest)
        try expectClose(opening: open, what: .group)
        return try make(.group(inner.node, open.range.lowerBound..<previousEnd), over: inner.height)
    }

    private func parseNot(_ not: Token, _ power: Power) throws(LocalError) -> Parsed {
        guard power <= .not else { throw notNeedsParentheses(at: not.range) }
        _ = advance()
        let operand = try parseExpression(.not)
        try require(.boolean, operand, for: .not)
        return try make(.not(operand.node, not.range.lowerBound..<operand.node.range.upperBound), over: operand.height)
    }

    /// `abs(x)`, `min(a, b, …)`.
    private func parseCall(_ function: ClaimFunction, _ name: Token) throws(LocalError) -> Parsed {
        _ = advance()
        let open = try expectOpen(after: name, what: function.rawValue)
        var arguments: [ClaimExpression.Node] = []
        var height = 0
        if let token = peek, token.kind != .close {
            while true {
                let argument = try parseExpression(.lowest)
                try require(.number, argument, for: .function(function))
                arguments.append(argument.node)
                height = max(height, argument.height)
                guard let separator = peek, separator.kind == .comma else { break }
                _ = advance()
            }
        }
        try expectClose(opening: open, what: .call(function.rawValue))
        let range = name.range.lowerBound..<previousEnd
        if !function.arity.contains(arguments.count) { throw wrongArity(function, arguments.count, at: range) }
        return try make(.call(function, arguments, range), over: height)
    }

    /// `all(p)`, `any(p)`: the condition must name at least one output per seed.
    private func parseQuantifier(_ kind: Quantifier, _ name: Token) throws(LocalError) -> Parsed {
        _ = advance()
        if let outer = quantifier { throw nestedQuantifier(kind, in: outer.kind, at: name.range) }
        let open = try expectOpen(after: name, what: kind.rawValue)
        quantifier = (kind, 0)
        let body = try parseExpression(.lowest)
        let perSeedNames = quantifier?.perSeedNames ?? 0
        quantifier = nil
        try require(.boolean, body, for: .quantifier(kind))
        if let token = peek, token.kind == .comma { throw quantifierTakesOneCondition(kind, at: token.range) }
        try expectClose(opening: open, what: .call(kind.rawValue))
        let range = name.range.lowerBound..<previousEnd
        if perSeedNames == 0 { throw nothingPerSeed(kind, at: range) }
        return try make(.quantifier(kind, body.node, range), over: body.height)
    }

    // MARK: Names

    /// `exp.key`, `exp.key.mean`, `exp.param.NAME`.
    private func nameUse(_ token: Token) throws(LocalError) -> NameUse {
        let segments = list.texts[token.payload].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let range = token.range
        let experiment = segments[0]
        var name = ValueName(experiment: experiment, key: segments[1])
        var aggregate: Aggregate?
        switch segments.count {
        case 2:
            break
        case 3 where segments[1] == "param":
            name = ValueName(experiment: experiment, key: segments[2], kind: .parameter)
        case 3:
            guard let known = Aggregate(rawValue: segments[2]) else { throw unknownAggregate(segments, range) }
            aggregate = known
        default:
            throw tooManyParts(segments, range)
        }
        let perSeed = quantifier != nil && aggregate == nil && name.kind == .output
        if perSeed { quantifier?.perSeedNames += 1 }
        let use = NameUse(name: name, aggregate: aggregate, isPerSeed: perSeed, range: range, location: source.location(of: range.lowerBound))
        names.append(use)
        return use
    }

    // MARK: Checks

    private func expectOpen(after name: Token, what: String) throws(LocalError) -> Token {
        guard let open = peek, open.kind == .open else { throw functionNeedsBrackets(what, at: name.range) }
        return advance()
    }

    private func expectClose(opening: Token, what: Opening) throws(LocalError) {
        guard let token = peek else { throw unclosed(what, at: opening.range) }
        guard token.kind == .close else { throw expectedClose(what, found: token) }
        _ = advance()
    }

    /// A node over children at most `height` tall, refused when the tree would grow taller than ``maximumDepth``.
    private func make(_ node: ClaimExpression.Node, over height: Int) throws(LocalError) -> Parsed {
        if height + 1 > Parser.maximumDepth { throw tooDeep(at: node.range) }
        return Parsed(node: node, height: height + 1)
    }

    /// An error unless `operand` has `type`.
    func require(_ type: ClaimType, _ operand: Parsed, for user: User) throws(LocalError) {
        if operand.node.type != type { throw mismatch(type, operand.node, for: user) }
    }
}
