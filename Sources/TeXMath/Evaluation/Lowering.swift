import SourceErrors
/// Lowers presentation nodes to an `Expression`, resolving the ambiguities listed in MATH.md:
/// a name followed by `(` is a call only for defined functions, juxtaposition multiplies,
/// `w_{ij}` is one name, an unparenthesised function argument is one factor, and a sum's
/// body is the product that follows it (`\sum_{i=1}^{N} x_i + 1` is `(Σ x_i) + 1`).
struct Lowering {
    /// Names of `define:`d functions and constants (constants have no parameters).
    var functions: [String: Int]
    /// Scalars in scope: given variables, sizes, parameters, summation indices.
    var scalars: Set<String>
    var vectors: Set<String>
    /// Shared by copies made for summation scopes, so the cap counts the whole expression.
    private let budget = Budget()

    /// The most factors one expression may have. Expressions are evaluated recursively, so this
    /// bounds the recursion depth; textbook derivations use a few dozen.
    static let maximumFactors = 1_000

    init(functions: [String: Int], scalars: Set<String>, vectors: Set<String>) {
        self.functions = functions
        self.scalars = scalars
        self.vectors = vectors
    }

    /// The deepest nesting of groups (parentheses, braces, fractions, scripts) lowered.
    /// The TeX parser caps brace nesting, but `(` and `[` are flat delimiters to it, so
    /// without this a thousand nested parentheses overflowed the stack.
    static let maximumNesting = Parser.maximumDepth

    private final class Budget {
        var remaining = Lowering.maximumFactors
        var depth = 0
    }

    static let builtins: [String: ClosedRange<Int>] = [
        "log": 1...1, "ln": 1...1, "exp": 1...1, "sin": 1...1, "cos": 1...1, "tan": 1...1,
        "sinh": 1...1, "cosh": 1...1, "tanh": 1...1, "max": 1...64, "min": 1...64,
    ]

    /// The whole row must be one expression.
    func expression(_ nodes: [MathNode], at range: Range<Int>) throws(LocalError) -> Expression {
        budget.depth += 1
        defer { budget.depth -= 1 }
        // The bracket depth of a whole row is known in one pass; refusing it here spares
        // the copy of the inner row that each level would make before its own check.
        if budget.depth > Lowering.maximumNesting || (budget.depth == 1 && Self.bracketDepth(of: nodes) > Lowering.maximumNesting) {
            throw LocalError("expression nests deeper than \(Lowering.maximumNesting) levels to check", at: range)
        }
        var cursor = Cursor(nodes)
        guard cursor.peek != nil else { throw LocalError("expected an expression here", at: range) }
        let result = try sum(&cursor)
        if let extra = cursor.peek {
            if extra.relation != nil {
                throw LocalError("a relation inside an expression cannot be checked", at: extra.range)
            }
            throw LocalError("cannot evaluate this here", at: extra.range)
        }
        return result
    }

    // MARK: Precedence levels

    private func sum(_ cursor: inout Cursor) throws(LocalError) -> Expression {
        var result: Expression
        if let sign = cursor.peek, case .symbol(let text, .binary) = sign.kind, text == "−" || text == "+" {
            cursor.advance()
            let operand = try term(&cursor, after: sign)
            result = text == "−" ? .negate(operand) : operand
        } else {
            result = try term(&cursor, after: nil)
        }
        while let sign = cursor.peek, case .symbol(let text, .binary) = sign.kind, text == "−" || text == "+" {
            cursor.advance()
            let operand = try term(&cursor, after: sign)
            result = text == "−" ? .subtract(result, operand) : .add(result, operand)
        }
        return result
    }

    /// A product: factors joined by `\cdot`, `\times`, `/` or juxtaposition.
    private func term(_ cursor: inout Cursor, after previous: MathNode?) throws(LocalError) -> Expression {
        var result = try factor(&cursor, after: previous)
        while let next = cursor.peek {
            switch next.kind {
            case .symbol(let text, .binary) where text == "⋅" || text == "×" || text == "∗":
                cursor.advance()
                result = .multiply(result, try factor(&cursor, after: next))
            case .delimiter("/", nil):
                cursor.advance()
                result = .divide(result, try factor(&cursor, after: next))
            default:
                guard next.startsFactor else { return result }
                result = .multiply(result, try factor(&cursor, after: nil))
            }
        }
        return result
    }

    private func factor(_ cursor: inout Cursor, after previous: MathNode?) throws(LocalError) -> Expression {
        guard let node = cursor.peek else {
            throw LocalError("expected an operand", at: previous?.range ?? cursor.endRange)
        }
        budget.remaining -= 1
        if budget.remaining < 0 {
            throw LocalError("expression too long to check (over \(Lowering.maximumFactors) factors)", at: node.range)
        }
        switch node.kind {
        case .symbol(let sign, .binary) where sign == "−" || sign == "+":
            // A sign inside a product or after an operator: `a - -1`, `2 \cdot -x`.
            cursor.advance()
            let operand = try factor(&cursor, after: node)
            return sign == "−" ? .negate(operand) : operand
        case .delimiter(let open, _) where open == "(" || open == "[" || open == "{" || open == "|":
            guard let group = try takeGroup(&cursor) else {
                throw LocalError("'\(open)' has no matching closing bracket", at: node.range)
            }
            var inner = try expression(group.inner, at: node.range)
            if open == "|" { inner = .absolute(inner) }
            return try raise(inner, to: group.power)
        case .fenced(let open, let body, _):
            cursor.advance()
            return try fenced(open, body, node)
        case .scripts(let base, let sub, let sup):
            if case .fenced(let open, let body, _) = base.kind, sub == nil {
                cursor.advance()
                return try raise(try fenced(open, body, base), to: sup)
            }
            if case .largeOperator(let symbol, _) = base.kind {
                cursor.advance()
                return try bigOperator(symbol, sub: sub, sup: sup, node, &cursor)
            }
            if case .function = base.kind {
                throw LocalError("a function with scripts cannot be evaluated; write (\\log x)^2 instead", at: node.range)
            }
            cursor.advance()
            return try scripted(base, sub: sub, sup: sup, node, &cursor)
        case .number(let text):
            cursor.advance()
            guard let value = Double(text) else { throw LocalError("not a number", at: node.range) }
            return .constant(value)
        case .group(let children):
            cursor.advance()
            return try expression(children, at: node.range)
        case .fraction(let numerator, let denominator, _):
            cursor.advance()
            if let variable = try derivativeVariable(numerator, denominator) {
                let operand = try factor(&cursor, after: node)
                return .derivative(variable, operand, node.range)
            }
            return .divide(try expression([numerator], at: numerator.range), try expression([denominator], at: denominator.range))
        case .root(let radicand, let index):
            cursor.advance()
            let value = try expression([radicand], at: radicand.range)
            guard let index else { return .call("sqrt", [value], node.range) }
            return .power(value, .divide(.constant(1), try expression([index], at: index.range)))
        case .function(let name, _):
            cursor.advance()
            return try call(name, node, &cursor)
        case .identifier, .styled, .accent:
            cursor.advance()
            return try named(node, &cursor)
        case .largeOperator:
            throw LocalError("give the bounds of a sum or product, e.g. \\sum_{i=1}^{N}", at: node.range)
        default:
            throw LocalError("cannot evaluate this in a derivation", at: node.range)
        }
    }

    // MARK: Pieces

    private func fenced(_ open: String, _ body: [MathNode], _ node: MathNode) throws(LocalError) -> Expression {
        if body.contains(where: { if case .middle = $0.kind { true } else { false } }) {
            throw LocalError("\\middle cannot be evaluated", at: node.range)
        }
        let inner = try expression(body, at: node.range)
        switch open {
        case "(", "[", "{", ".": return inner
        case "|": return .absolute(inner)
        default: throw LocalError("cannot evaluate these brackets", at: node.range)
        }
    }

    private func raise(_ base: Expression, to exponent: MathNode?) throws(LocalError) -> Expression {
        guard let exponent else { return base }
        if exponent.isPrime {
            throw LocalError("a prime cannot be evaluated; write \\frac{d}{dz}(…)", at: exponent.range)
        }
        if case .constant(let value) = base, value == Double.exp1 {
            return .call("exp", [try expression([exponent], at: exponent.range)], exponent.range)
        }
        return .power(base, try expression([exponent], at: exponent.range))
    }

    private func scripted(
        _ base: MathNode, sub: MathNode?, sup: MathNode?, _ node: MathNode, _ cursor: inout Cursor
    ) throws(LocalError) -> Expression {
        var value: Expression
        if let sub {
            let whole = MathNode(.scripts(base: base, sub: sub, sup: nil), base.range.lowerBound..<sub.range.upperBound)
            let baseName = Lowering.name(of: base)
            if let name = Lowering.name(of: whole), scalars.contains(name) {
                value = .variable(name, whole.range)
            } else if let baseName, vectors.contains(baseName) {
                value = .element(baseName, index: try expression([sub], at: sub.range), whole.range)
            } else if let name = Lowering.name(of: whole), functions[name] != nil {
                value = try named(whole, &cursor)
            } else {
                let shown = Lowering.name(of: whole) ?? "this name"
                throw LocalError("undefined variable '\(shown)'; declare it in given: or define:", at: whole.range)
            }
        } else {
            if let name = Lowering.name(of: base), functions[name] ?? 0 > 0 {
                throw LocalError("write a power of a function call as \\sigma(z)^2", at: node.range)
            }
            var single = Cursor([base])
            value = try factor(&single, after: nil)
        }
        return try raise(value, to: sup)
    }

    /// A name: a defined function (with arguments), a constant, a variable, `e` or `π`.
    private func named(_ node: MathNode, _ cursor: inout Cursor) throws(LocalError) -> Expression {
        guard let name = Lowering.name(of: node) else {
            throw LocalError("cannot evaluate this in a derivation", at: node.range)
        }
        if let arity = functions[name] {
            if arity == 0 { return .call(name, [], node.range) }
            return try definedCall(name, arity: arity, node, &cursor)
        }
        if scalars.contains(name) { return .variable(name, node.range) }
        if vectors.contains(name) {
            throw LocalError("'\(name)' is a vector; index it, e.g. \(name)_i", at: node.range)
        }
        if name == "e" { return .constant(Double.exp1) }
        if name == "π" { return .constant(Double.pi) }
        throw LocalError("undefined variable '\(name)'; declare it in given: or define:", at: node.range)
    }

    private func definedCall(_ name: String, arity: Int, _ node: MathNode, _ cursor: inout Cursor) throws(LocalError) -> Expression {
        let (arguments, power) = try callArguments(node, &cursor)
        guard arguments.count == arity else {
            throw LocalError("'\(name)' takes \(arity) argument\(arity == 1 ? "" : "s"), not \(arguments.count)", at: node.range)
        }
        return try raise(.call(name, arguments, node.range), to: power)
    }

    /// A built-in (`\log`, `\exp`, …) or a defined `\operatorname{…}`.
    private func call(_ name: String, _ node: MathNode, _ cursor: inout Cursor) throws(LocalError) -> Expression {
        if let arity = functions[name] {
            if arity == 0 { return .call(name, [], node.range) }
            return try definedCall(name, arity: arity, node, &cursor)
        }
        guard let arity = Lowering.builtins[name] else {
            throw LocalError("'\(name)' cannot be evaluated: not a built-in and not in define:", at: node.range)
        }
        let (arguments, power) = try callArguments(node, &cursor)
        guard arity.contains(arguments.count) else {
            throw LocalError("'\\\(name)' does not take \(arguments.count) arguments", at: node.range)
        }
        let canonical = name == "ln" ? "log" : name
        return try raise(.call(canonical, arguments, node.range), to: power)
    }

    /// `(a, b)` after a function name, or else the single factor that follows (`\log\sigma(z)`).
    private func callArguments(_ node: MathNode, _ cursor: inout Cursor) throws(LocalError) -> ([Expression], MathNode?) {
        if let group = try takeGroup(&cursor, parenthesesOnly: true) {
            var arguments: [Expression] = []
            for piece in group.inner.split(whereSeparator: { if case .symbol(",", _) = $0.kind { true } else { false } }) {
                arguments.append(try expression(Array(piece), at: group.range))
            }
            if arguments.isEmpty { throw LocalError("missing argument", at: group.range) }
            return (arguments, group.power)
        }
        return ([try factor(&cursor, after: node)], nil)
    }

    private func bigOperator(
        _ symbol: String, sub: MathNode?, sup: MathNode?, _ node: MathNode, _ cursor: inout Cursor
    ) throws(LocalError) -> Expression {
        guard !Symbols.integrals.contains(symbol) else { throw LocalError("integrals cannot be evaluated", at: node.range) }
        guard let sub, let sup, case .group(let lower) = sub.kind, lower.count >= 3,
            case .identifier(let index) = lower[0].kind, lower[1].kind == .symbol("=", .relation)
        else {
            throw LocalError("give the bounds as \\sum_{i=1}^{N}", at: node.range)
        }
        let from = try expression(Array(lower[2...]), at: sub.range)
        let to = try expression([sup], at: sup.range)
        var inner = self
        inner.scalars.insert(index)
        let body = try inner.term(&cursor, after: node)
        return symbol == "∏"
            ? .product(index: index, from: from, to: to, body: body, node.range)
            : .sum(index: index, from: from, to: to, body: body, node.range)
    }

    /// `\frac{d}{dz}` or `\frac{\partial}{\partial w}`: the variable, or nil for an ordinary fraction.
    private func derivativeVariable(_ numerator: MathNode, _ denominator: MathNode) throws(LocalError) -> String? {
        let top = numerator.rowChildren
        let bottom = denominator.rowChildren
        guard top.count == 1, top[0].isDifferential, bottom.count == 2, bottom[0].isDifferential else { return nil }
        guard let name = Lowering.name(of: bottom[1]), scalars.contains(name) else {
            throw LocalError("differentiate by a given scalar variable", at: bottom[1].range)
        }
        return name
    }

    /// A bracketed group at the cursor: `(…)` as two delimiter nodes or `\left(…\right)`, with a power on the closer.
    private func takeGroup(_ cursor: inout Cursor, parenthesesOnly: Bool = false) throws(LocalError)
        -> (inner: [MathNode], power: MathNode?, range: Range<Int>)?
    {
        guard let first = cursor.peek else { return nil }
        let openers: Set<String> = parenthesesOnly ? ["("] : ["(", "[", "{", "|"]
        switch first.kind {
        case .fenced(let open, let body, _) where openers.contains(open):
            cursor.advance()
            return (body, nil, first.range)
        case .scripts(let base, nil, let sup):
            if case .fenced(let open, let body, _) = base.kind, openers.contains(open) {
                cursor.advance()
                return (body, sup, first.range)
            }
            return nil
        // `\big(` and friends only change the drawn size: they group like `(`.
        case .delimiter(let open, _) where openers.contains(open):
            let close = open == "(" ? ")" : open == "[" ? "]" : open == "{" ? "}" : "|"
            var nesting = 0
            var index = cursor.index + 1
            while index < cursor.nodes.count {
                let (text, sub, sup) = cursor.nodes[index].delimiterParts
                if text == open, open != "|" { nesting += 1 }
                if text == close {
                    if nesting == 0 {
                        if let sub { throw LocalError("a subscript on a bracket cannot be evaluated", at: sub.range) }
                        let inner = Array(cursor.nodes[(cursor.index + 1)..<index])
                        let range = first.range.lowerBound..<cursor.nodes[index].range.upperBound
                        cursor.index = index + 1
                        return (inner, sup, range)
                    }
                    nesting -= 1
                }
                index += 1
            }
            throw LocalError("no matching '\(close)'", at: first.range)
        default:
            return nil
        }
    }

    /// How deep `(`, `[` and `{` nest in a row of nodes (`|` opens and closes alike, so it
    /// is left to the recursion's own count).
    static func bracketDepth(of nodes: [MathNode]) -> Int {
        var depth = 0
        var deepest = 0
        for node in nodes {
            switch node.delimiterParts.0 {
            case "(", "[", "{":
                depth += 1
                deepest = max(deepest, depth)
            case ")", "]", "}":
                depth -= 1
            default:
                break
            }
        }
        return deepest
    }

    /// The variable name a node spells: `x`, `𝐱`, `w_ij`, `θ_1`, `ŷ`; nil if it is not a name.
    static func name(of node: MathNode) -> String? {
        switch node.kind {
        case .identifier(let text):
            return text
        case .styled(let font, let inner):
            guard let name = name(of: inner) else { return nil }
            return font == .roman ? name : MathAlphabet.apply(font, to: name)
        case .group(let children) where children.count == 1:
            return name(of: children[0])
        case .accent(let inner, let accent):
            guard let name = name(of: inner) else { return nil }
            let marks: [String: String] = ["^": "\u{0302}", "‾": "\u{0304}", "~": "\u{0303}", "→": "\u{20D7}", "˙": "\u{0307}", "¨": "\u{0308}"]
            return name + (marks[accent] ?? "")
        case .function(let text, _):
            return text
        case .scripts(let base, let sub?, nil):
            guard let baseName = name(of: base) else { return nil }
            var index = ""
            for part in sub.rowChildren {
                switch part.kind {
                case .number(let text): index += text
                case .symbol(",", _): index += ","
                default:
                    guard let partName = name(of: part) else { return nil }
                    index += partName
                }
            }
            return baseName + "_" + index
        default:
            return nil
        }
    }
}

/// A position in a row of nodes, skipping spacing commands.
struct Cursor {
    let nodes: [MathNode]
    var index = 0

    init(_ nodes: [MathNode]) {
        self.nodes = nodes.filter { if case .space = $0.kind { false } else { true } }
    }

    var peek: MathNode? { index < nodes.count ? nodes[index] : nil }

    mutating func advance() { index += 1 }

    var endRange: Range<Int> {
        guard let last = nodes.last else { return 0..<0 }
        return last.range.upperBound..<last.range.upperBound
    }
}

extension MathNode {
    /// The children of a group, or the node itself.
    var rowChildren: [MathNode] {
        if case .group(let children) = kind { return children }
        return [self]
    }

    var isPrime: Bool {
        rowChildren.first.map { $0.kind == .symbol("′", .ordinary) } ?? false
    }

    /// `d`, `\mathrm{d}` or `\partial`.
    var isDifferential: Bool {
        switch kind {
        case .identifier("d"), .symbol("∂", .ordinary): true
        case .styled(.roman, let inner): inner.isDifferential
        case .group(let children): children.count == 1 && children[0].isDifferential
        default: false
        }
    }

    /// A bracket's text with any scripts attached to it (`)^{2}`), or empty text for other nodes.
    var delimiterParts: (String, MathNode?, MathNode?) {
        switch kind {
        case .delimiter(let text, _): (text, nil, nil)
        case .scripts(let base, let sub, let sup):
            if case .delimiter(let text, _) = base.kind { (text, sub, sup) } else { ("", nil, nil) }
        default: ("", nil, nil)
        }
    }

    /// Whether juxtaposition continues a product with this node.
    var startsFactor: Bool {
        switch kind {
        case .identifier, .number, .group, .fraction, .root, .fenced, .function, .largeOperator, .scripts,
            .styled, .accent:
            true
        case .delimiter(let text, _):
            text == "(" || text == "[" || text == "{" || text == "|"
        default:
            false
        }
    }
}

extension Double {
    static let exp1 = 2.718281828459045
}
