import SourceErrors
/// Recursive-descent parser from tokens to `MathNode`s.
///
/// Every nested construct passes through `parseAtom`, which caps the depth, so hostile input
/// (thousands of nested braces) ends in an error instead of a stack overflow.
struct Parser {
    static let maximumDepth = 120

    let source: LocatedText
    let style: MathStyle
    private let tokens: [Token]
    private var position = 0
    private var depth = 0
    /// The `\label{…}` name and the range of the command, if the formula has one.
    private(set) var label: (name: String, range: Range<Int>)?

    init(_ source: LocatedText, style: MathStyle) throws(LocalError) {
        self.source = source
        self.style = style
        self.tokens = try Lexer.tokens(of: source)
    }

    /// Parses the whole formula; a stray closing token is an error.
    mutating func parseFormula() throws(LocalError) -> [MathNode] {
        let row = try parseRow()
        if let token = peek {
            throw LocalError(strayMessage(token), at: token.range)
        }
        return row
    }

    private func strayMessage(_ token: Token) -> String {
        switch token.kind {
        case .closeBrace: "unbalanced '}': no '{' opens it"
        case .alignment: "'&' outside an environment (use aligned, cases or a matrix)"
        case .rowBreak: "'\\\\' outside an environment (use aligned, cases or a matrix)"
        case .command("right"): "\\right without a matching \\left"
        case .command("middle"): "\\middle outside \\left … \\right"
        case .command("end"): "\\end without a matching \\begin"
        default: "unexpected token"
        }
    }

    // MARK: Token access

    private var peek: Token? { position < tokens.count ? tokens[position] : nil }

    private mutating func advance() -> Token {
        defer { position += 1 }
        return tokens[position]
    }

    private var endRange: Range<Int> {
        let end = source.bytes.count
        return max(end - 1, 0)..<end
    }

    // MARK: Rows and scripts

    private mutating func parseRow(stopAtBracket: Bool = false) throws(LocalError) -> [MathNode] {
        var row: [MathNode] = []
        while let token = peek {
            switch token.kind {
            case .closeBrace, .alignment, .rowBreak: return row
            case .command("right"), .command("middle"), .command("end"): return row
            case .character("]") where stopAtBracket: return row
            default:
                if let node = try parseScripted() { row.append(node) }
            }
        }
        return row
    }

    private mutating func parseScripted() throws(LocalError) -> MathNode? {
        var base: MathNode
        if let token = peek, token.kind == .superscript || token.kind == .subscript {
            base = MathNode(.group([]), token.range.lowerBound..<token.range.lowerBound)
        } else {
            guard let atom = try parseAtom() else { return nil }
            base = atom
        }
        var sub: MathNode?
        var sup: MathNode?
        var primes: [MathNode] = []
        var end = base.range.upperBound
        scriptLoop: while let token = peek {
            switch token.kind {
            case .superscript:
                if sup != nil { throw LocalError("double superscript: use braces, e.g. x^{a^b}", at: token.range) }
                _ = advance()
                let argument = try parseArgument(after: token, what: "'^'")
                sup = primes.isEmpty
                    ? argument
                    : MathNode(.group(primes + [argument]), primes[0].range.lowerBound..<argument.range.upperBound)
                end = argument.range.upperBound
            case .subscript:
                if sub != nil { throw LocalError("double subscript: use braces, e.g. x_{i_j}", at: token.range) }
                _ = advance()
                let argument = try parseArgument(after: token, what: "'_'")
                sub = argument
                end = argument.range.upperBound
            case .character("'"):
                if sup != nil { throw LocalError("a prime after a superscript: write the prime first", at: token.range) }
                _ = advance()
                primes.append(MathNode(.symbol("′", .ordinary), token.range))
                end = token.range.upperBound
            default:
                break scriptLoop
            }
        }
        if sup == nil, !primes.isEmpty {
            sup = primes.count == 1 ? primes[0] : MathNode(.group(primes), primes[0].range.lowerBound..<end)
        }
        if sub == nil, sup == nil { return base }
        return MathNode(.scripts(base: base, sub: sub, sup: sup), base.range.lowerBound..<end)
    }

    /// One argument: a braced group, a single digit, or a single atom (`\frac12`, `x^\alpha`).
    private mutating func parseArgument(after previous: Token, what: String) throws(LocalError) -> MathNode {
        guard let token = peek else {
            throw LocalError("missing argument after \(what)", at: previous.range)
        }
        switch token.kind {
        case .openBrace:
            return try parseGroup()
        case .character(let character) where character.isASCII && character.isNumber:
            _ = advance()
            return MathNode(.number(String(character)), token.range)
        case .closeBrace, .superscript, .subscript, .alignment, .rowBreak,
            .command("right"), .command("middle"), .command("end"):
            throw LocalError("missing argument after \(what)", at: token.range)
        default:
            guard let node = try parseAtom() else {
                throw LocalError("missing argument after \(what)", at: token.range)
            }
            return node
        }
    }

    private mutating func parseGroup() throws(LocalError) -> MathNode {
        let open = advance()
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            throw LocalError("formula nests deeper than \(Parser.maximumDepth) levels", at: open.range)
        }
        let row = try parseRow()
        guard let close = peek else {
            throw LocalError("unbalanced '{': no '}' closes it", at: open.range)
        }
        guard close.kind == .closeBrace else {
            // `{a \right)}` or `{a & b}`: the stray token is the real problem, not the brace.
            throw LocalError(strayMessage(close), at: close.range)
        }
        _ = advance()
        return MathNode(.group(row), open.range.lowerBound..<close.range.upperBound)
    }

    // MARK: Atoms

    /// One atom, or nil for commands that produce no node (`\label`).
    private mutating func parseAtom() throws(LocalError) -> MathNode? {
        guard let token = peek else { throw LocalError("missing argument", at: endRange) }
        depth += 1
        defer { depth -= 1 }
        if depth > Parser.maximumDepth {
            throw LocalError("formula nests deeper than \(Parser.maximumDepth) levels", at: token.range)
        }
        switch token.kind {
        case .openBrace:
            return try parseGroup()
        case .character(let character):
            _ = advance()
            return try parseCharacter(character, token)
        case .command(let name):
            _ = advance()
            return try parseCommand(name, token)
        default:
            throw LocalError(strayMessage(token), at: token.range)
        }
    }

    private mutating func parseCharacter(_ character: Character, _ token: Token) throws(LocalError) -> MathNode {
        if character.isASCII, character.isNumber {
            return parseNumber(startingWith: token)
        }
        if character.isLetter {
            return MathNode(.identifier(String(character)), token.range)
        }
        if Symbols.delimiterCharacters.contains(character) {
            return MathNode(.delimiter(String(character), size: nil), token.range)
        }
        if let (text, kind) = Symbols.characters[character] {
            return MathNode(.symbol(text, kind), token.range)
        }
        if character == "~" {
            return MathNode(.space(0.3333), token.range)
        }
        if character == "'" {
            return MathNode(.symbol("′", .ordinary), token.range)
        }
        throw LocalError("unsupported character '\(character)'; write it as a TeX command", at: token.range)
    }

    /// `\d+(\.\d+)?` from adjacent digit tokens; a comma never joins numbers.
    private mutating func parseNumber(startingWith first: Token) -> MathNode {
        var text = ""
        if case .character(let character) = first.kind { text.append(character) }
        var end = first.range.upperBound
        var seenPoint = false
        while let token = peek, token.range.lowerBound == end, case .character(let character) = token.kind {
            if character.isASCII, character.isNumber {
                text.append(character)
            } else if character == ".", !seenPoint, position + 1 < tokens.count,
                tokens[position + 1].range.lowerBound == token.range.upperBound,
                case .character(let digit) = tokens[position + 1].kind, digit.isASCII, digit.isNumber
            {
                seenPoint = true
                text.append(character)
            } else {
                break
            }
            end = token.range.upperBound
            _ = advance()
        }
        return MathNode(.number(text), first.range.lowerBound..<end)
    }

    private mutating func parseCommand(_ name: String, _ token: Token) throws(LocalError) -> MathNode? {
        let range = token.range
        func node(_ kind: MathNode.Kind, _ end: Int) -> MathNode { MathNode(kind, range.lowerBound..<end) }
        let what = "\\" + name

        if let letter = Symbols.greek[name] { return node(.identifier(letter), range.upperBound) }
        if let (text, kind) = Symbols.symbols[name] { return node(.symbol(text, kind), range.upperBound) }
        if let limits = Symbols.functions[name] {
            if name == "arg", let next = peek, next.kind == .command("max") || next.kind == .command("min") {
                _ = advance()
                let second = next.kind == .command("max") ? "max" : "min"
                return node(.function("arg " + second, limits: true), next.range.upperBound)
            }
            return node(.function(name, limits: limits), range.upperBound)
        }
        if let (text, defaultLimits) = Symbols.largeOperators[name] {
            var limits = defaultLimits
            var end = range.upperBound
            if let next = peek, next.kind == .command("limits") || next.kind == .command("nolimits") {
                _ = advance()
                limits = next.kind == .command("limits") ? .always : .never
                end = next.range.upperBound
            }
            return node(.largeOperator(text, limits: limits), end)
        }
        if let width = Symbols.spaces[name] { return node(.space(width), range.upperBound) }
        if let accent = Symbols.accents[name] {
            let argument = try parseArgument(after: token, what: what)
            return node(.accent(argument, accent), argument.range.upperBound)
        }
        if let font = Symbols.fonts[name] {
            let argument = try parseArgument(after: token, what: what)
            return node(.styled(font, argument), argument.range.upperBound)
        }
        if let size = Symbols.sizes[name] {
            let (delimiter, end) = try parseDelimiter(after: token)
            return node(.delimiter(delimiter, size: size), end)
        }
        if let delimiter = Symbols.delimiterCommands[name] {
            return node(.delimiter(delimiter, size: nil), range.upperBound)
        }
        switch name {
        case "frac", "dfrac", "tfrac":
            let numerator = try parseArgument(after: token, what: what)
            let denominator = try parseArgument(after: token, what: what)
            let style: FractionStyle = name == "dfrac" ? .display : name == "tfrac" ? .text : .auto
            return node(.fraction(numerator, denominator, style), denominator.range.upperBound)
        case "sqrt":
            var index: MathNode?
            if let open = peek, open.kind == .character("[") {
                _ = advance()
                let row = try parseRow(stopAtBracket: true)
                guard let close = peek, close.kind == .character("]") else {
                    throw LocalError("\\sqrt[ without a closing ']'", at: open.range)
                }
                _ = advance()
                index = MathNode(.group(row), open.range.lowerBound..<close.range.upperBound)
            }
            let radicand = try parseArgument(after: token, what: what)
            return node(.root(radicand, index: index), radicand.range.upperBound)
        case "left":
            return try parseFenced(token)
        case "text", "textrm", "textit", "textbf", "mbox":
            let (text, end) = try readRawBraced(after: token)
            return node(.text(text), end)
        case "operatorname":
            var limits = false
            if let star = peek, star.kind == .character("*") {
                _ = advance()
                limits = true
            }
            let (raw, end) = try readRawBraced(after: token)
            // `\operatorname*{arg\,min}`: thin spaces inside the name become one plain space.
            var name = raw
            for space in ["\\,", "\\;", "\\:", "\\ "] { name = name.split(separator: space, omittingEmptySubsequences: false).joined(separator: " ") }
            name = name.trimmingSpaces
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " }) else {
                throw LocalError("\\operatorname takes plain letters, e.g. \\operatorname{softmax}", at: range)
            }
            return node(.function(name, limits: limits), end)
        case "label":
            let (raw, end) = try readRawBraced(after: token)
            let name = raw.trimmingSpaces
            guard style == .display else {
                throw LocalError("\\label is only allowed in display math ($$…$$)", at: range)
            }
            guard label == nil else { throw LocalError("a second \\label in one equation", at: range) }
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_:.".contains($0)) })
            else {
                throw LocalError("a label is letters, digits and - _ : . only, e.g. \\label{eq:nll}", at: range)
            }
            label = (name, range.lowerBound..<end)
            return nil
        case "begin":
            return try parseEnvironment(token)
        default:
            throw LocalError("unknown command '\\\(name)'", at: range)
        }
    }

    /// The delimiter after `\left`, `\right`, `\middle` or a `\big` command; `.` is the empty delimiter.
    private mutating func parseDelimiter(after command: Token) throws(LocalError) -> (String, Int) {
        if let token = peek {
            switch token.kind {
            case .character(let character) where Symbols.delimiterCharacters.contains(character) || character == ".":
                _ = advance()
                return (String(character), token.range.upperBound)
            case .command(let name):
                if let delimiter = Symbols.delimiterCommands[name] {
                    _ = advance()
                    return (delimiter, token.range.upperBound)
                }
            default:
                break
            }
        }
        throw LocalError("expected a delimiter such as ( [ | \\{ after this command", at: command.range)
    }

    private mutating func parseFenced(_ left: Token) throws(LocalError) -> MathNode {
        let (open, _) = try parseDelimiter(after: left)
        var body: [MathNode] = []
        while true {
            body += try parseRow()
            guard let token = peek else { break }
            if token.kind == .command("middle") {
                _ = advance()
                let (middle, end) = try parseDelimiter(after: token)
                body.append(MathNode(.middle(middle), token.range.lowerBound..<end))
            } else if token.kind == .command("right") {
                _ = advance()
                let (close, end) = try parseDelimiter(after: token)
                return MathNode(.fenced(open: open, body, close: close), left.range.lowerBound..<end)
            } else {
                break
            }
        }
        throw LocalError("\\left without a matching \\right", at: left.range)
    }

    private mutating func parseEnvironment(_ begin: Token) throws(LocalError) -> MathNode {
        let (raw, _) = try readRawBraced(after: begin)
        let name = raw.trimmingSpaces
        guard let kind = EnvironmentKind(rawValue: name) else {
            let known = EnvironmentKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw LocalError("unknown environment '\(name)' (known: \(known))", at: begin.range)
        }
        var rows: [[MathNode]] = [[]]
        while true {
            let cellStart = peek?.range.lowerBound ?? source.bytes.count
            let cell = try parseRow()
            let cellEnd = cell.last?.range.upperBound ?? cellStart
            rows[rows.count - 1].append(MathNode(.group(cell), cellStart..<max(cellStart, cellEnd)))
            guard let token = peek else { break }
            switch token.kind {
            case .alignment:
                _ = advance()
            case .rowBreak:
                _ = advance()
                rows.append([])
            case .command("end"):
                _ = advance()
                let (endName, end) = try readRawBraced(after: token)
                guard endName.trimmingSpaces == name else {
                    throw LocalError("\\end{\(endName.trimmingSpaces)} does not match \\begin{\(name)}", at: token.range)
                }
                // A trailing `\\` before `\end` opens no new row.
                if rows.count > 1, let last = rows.last, last.count == 1, case .group(let cell) = last[0].kind, cell.isEmpty {
                    rows.removeLast()
                }
                return MathNode(.environment(kind, rows), begin.range.lowerBound..<end)
            default:
                throw LocalError("\\begin{\(name)} without \\end{\(name)}", at: begin.range)
            }
        }
        throw LocalError("\\begin{\(name)} without \\end{\(name)}", at: begin.range)
    }

    /// The raw source between `{` and its matching `}` (for `\text`, `\label`, environment names).
    private mutating func readRawBraced(after command: Token) throws(LocalError) -> (String, Int) {
        guard let open = peek, open.kind == .openBrace else {
            throw LocalError("expected '{' after this command", at: command.range)
        }
        _ = advance()
        var nesting = 1
        while let token = peek {
            _ = advance()
            if token.kind == .openBrace { nesting += 1 }
            if token.kind == .closeBrace {
                nesting -= 1
                if nesting == 0 {
                    return (source.slice(open.range.upperBound..<token.range.lowerBound), token.range.upperBound)
                }
            }
        }
        throw LocalError("unbalanced '{': no '}' closes it", at: open.range)
    }
}
