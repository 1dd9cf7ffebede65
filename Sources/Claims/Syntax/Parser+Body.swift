import SourceErrors
extension Parser {
    /// What the text between `{{` and `}}` says, before it is wrapped in public types.
    enum Body {
        case check(Parsed)
        case choice(Parsed, then: String, else: String)
    }

    /// `check EXPR` or `if EXPR then "…" else "…"`, and nothing after.
    func parseBody() throws(LocalError) -> Body {
        guard let keyword = peek else {
            throw LocalError("expected 'check' or 'if'", at: endRange)
        }
        switch keyword.kind {
        case .check:
            _ = advance()
            guard peek != nil else {
                throw LocalError("'check' needs a claim after it, e.g. {{check a.x > 0}}", at: keyword.range)
            }
            let claim = try parseWhole()
            try require(.boolean, claim, for: .claim)
            try expectEnd(after: "the claim")
            return .check(claim)
        case .if:
            _ = advance()
            guard peek != nil else {
                throw LocalError("'if' needs a condition, e.g. {{if a.x > 0 then \"above\" else \"below\"}}", at: keyword.range)
            }
            let condition = try parseWhole()
            try require(.boolean, condition, for: .condition)
            try expectWord(.then, "then", after: "the condition")
            let then = try expectString(after: "then")
            try expectWord(.else, "else", after: "the words after 'then'")
            let otherwise = try expectString(after: "else")
            try expectEnd(after: "the words after 'else'")
            return .choice(condition, then: then, else: otherwise)
        default:
            throw LocalError("expected 'check' or 'if'", at: keyword.range)
        }
    }

    /// The whole text as one expression, a number or true or false.
    func parseBare() throws(LocalError) -> Parsed {
        guard peek != nil else { throw LocalError("the expression is empty", at: endRange) }
        let expression = try parseWhole()
        try expectEnd(after: "the expression")
        return expression
    }

    private func expectEnd(after what: String) throws(LocalError) {
        guard let token = peek else { return }
        switch token.kind {
        case .close:
            throw LocalError("unbalanced ')': no '(' opens it", at: token.range)
        case .then, .else:
            throw LocalError("'then' and 'else' belong to {{if … then \"…\" else \"…\"}}", at: token.range)
        default:
            throw LocalError("expected an operator or the end after \(what), found \(list.quoted(token))", at: token.range)
        }
    }

    private func expectWord(_ kind: Token.Kind, _ word: String, after what: String) throws(LocalError) {
        guard let token = peek else {
            throw LocalError("expected '\(word)' after \(what)", at: endRange)
        }
        guard token.kind == kind else {
            throw LocalError("expected '\(word)' after \(what), found \(list.quoted(token))", at: token.range)
        }
        _ = advance()
    }

    private func expectString(after word: String) throws(LocalError) -> String {
        guard let token = peek else {
            throw LocalError("expected the words to print after '\(word)', in double quotes", at: endRange)
        }
        guard token.kind == .string else {
            throw LocalError("the words after '\(word)' go in double quotes: \(word) \"…\"", at: token.range)
        }
        _ = advance()
        return list.texts[token.payload]
    }
}
