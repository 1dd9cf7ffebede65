import XMLTree

/// Build-time syntax highlighting: code becomes text with `<span class="tok-…">`
/// around keywords, strings, comments, numbers, types and names. No script runs
/// in the reader's browser.
struct Highlighter {
    enum Token: String {
        case keyword, string, comment, number, type, builtin, function, attribute, variable
    }

    let language: Language

    init?(info: String) {
        guard let language = Language.named(info) else { return nil }
        self.language = language
    }

    /// The code as text and spans, ready to sit inside `<code>`.
    func highlight(_ code: String) -> [Node] {
        var nodes: [Node] = []
        var plain = ""
        func emit(_ text: String, _ token: Token?) {
            guard let token else {
                plain += text
                return
            }
            if !plain.isEmpty {
                nodes.append(.text(plain))
                plain = ""
            }
            nodes.append(.el("span", [["class": "tok-\(token.rawValue)"]], text: text))
        }
        let characters = Array(code)
        var index = 0
        while index < characters.count {
            let (length, token) = scan(characters, at: index)
            emit(String(characters[index..<index + length]), token)
            index += length
        }
        if !plain.isEmpty { nodes.append(.text(plain)) }
        return nodes
    }

    /// The length and kind of the token starting at `index` (nil kind = plain text).
    private func scan(_ c: [Character], at index: Int) -> (Int, Token?) {
        let here = c[index]
        if let prefix = language.lineComment, matches(c, index, prefix),
           !language.commentNeedsWordStart || index == 0 || c[index - 1].isWhitespace {
            return (lengthUntilNewline(c, from: index), .comment)
        }
        if let block = language.blockComment, matches(c, index, block.open) {
            return (blockCommentLength(c, from: index, block), .comment)
        }
        if language.quotes.contains(here) {
            return (stringLength(c, from: index, quote: here), .string)
        }
        if language.stringPrefixes.contains(here), index + 1 < c.count, language.quotes.contains(c[index + 1]),
           index == 0 || !isIdentifier(c[index - 1]) {
            return (1 + stringLength(c, from: index + 1, quote: c[index + 1]), .string)
        }
        if language.capitalisedAreTypes && here == "#" && index + 1 < c.count && c[index + 1] == "\"" {
            // Swift raw string #"…"#.
            var end = index + 2
            while end < c.count && !(c[end] == "\"" && end + 1 < c.count && c[end + 1] == "#") { end += 1 }
            return (min(end + 2, c.count) - index, .string)
        }
        if language.shellVariables && here == "$" && index + 1 < c.count {
            let next = c[index + 1]
            if next == "{" {
                var end = index + 2
                while end < c.count && c[end] != "}" && c[end] != "\n" { end += 1 }
                return (min(end + 1, c.count) - index, .variable)
            }
            if next == "(" { return (2, .variable) }
            if isIdentifierStart(next) || next.isNumber || "?@#*$!".contains(next) {
                var end = index + 2
                if isIdentifierStart(next) { while end < c.count && isIdentifier(c[end]) { end += 1 } }
                return (end - index, .variable)
            }
        }
        if language.attributes && here == "@" && index + 1 < c.count && isIdentifierStart(c[index + 1]) {
            var end = index + 1
            while end < c.count && isIdentifier(c[end]) { end += 1 }
            return (end - index, .attribute)
        }
        if here.isASCII && here.isNumber && (index == 0 || !isIdentifier(c[index - 1])) {
            var end = index + 1
            while end < c.count && (c[end].isHexDigit || c[end] == "." || c[end] == "_" || c[end] == "x"
                || ((c[end] == "-" || c[end] == "+") && (c[end - 1] == "e" || c[end - 1] == "E"))) {
                if c[end] == "." && !(end + 1 < c.count && c[end + 1].isNumber) { break }
                end += 1
            }
            return (end - index, .number)
        }
        if isIdentifierStart(here) {
            var end = index + 1
            // Shell words such as apt-get keep their hyphen.
            while end < c.count && (isIdentifier(c[end]) || (language.shellVariables && c[end] == "-" && end + 1 < c.count && isIdentifier(c[end + 1]))) {
                end += 1
            }
            let word = String(c[index..<end])
            let previous = index > 0 ? c[index - 1] : " "
            if previous == "." { return (end - index, end < c.count && c[end] == "(" ? .function : nil) }
            if language.keywords.contains(word) { return (end - index, .keyword) }
            if language.builtins.contains(word) { return (end - index, .builtin) }
            if language.capitalisedAreTypes, word.first?.isUppercase == true { return (end - index, .type) }
            if end < c.count && c[end] == "(" && !language.shellVariables { return (end - index, .function) }
            return (end - index, nil)
        }
        return (1, nil)
    }

    private func matches(_ c: [Character], _ index: Int, _ text: String) -> Bool {
        var cursor = index
        for character in text {
            guard cursor < c.count, c[cursor] == character else { return false }
            cursor += 1
        }
        return true
    }

    private func lengthUntilNewline(_ c: [Character], from index: Int) -> Int {
        var end = index
        while end < c.count && c[end] != "\n" { end += 1 }
        return end - index
    }

    private func blockCommentLength(_ c: [Character], from index: Int, _ block: (open: String, close: String)) -> Int {
        var depth = 0
        var end = index
        while end < c.count {
            if matches(c, end, block.open) {
                depth += 1
                end += block.open.count
            } else if matches(c, end, block.close) {
                depth -= 1
                end += block.close.count
                if depth == 0 { break }
            } else {
                end += 1
            }
        }
        return end - index
    }

    /// A string literal from its opening quote, with escapes and triple quotes;
    /// an unterminated single-quoted string stops at the end of the line.
    private func stringLength(_ c: [Character], from index: Int, quote: Character) -> Int {
        let triple = language.tripleQuotes && matches(c, index, String(repeating: quote, count: 3))
        let delimiter = triple ? String(repeating: quote, count: 3) : String(quote)
        var end = index + delimiter.count
        while end < c.count {
            if c[end] == "\\" && !(language.shellVariables && quote == "'") {
                end += 2
                continue
            }
            if matches(c, end, delimiter) { return end + delimiter.count - index }
            if c[end] == "\n" && !triple && !language.shellVariables { return end - index }
            end += 1
        }
        return c.count - index
    }

    private func isIdentifierStart(_ character: Character) -> Bool { character.isLetter || character == "_" }
    private func isIdentifier(_ character: Character) -> Bool { character.isLetter || character.isNumber || character == "_" }
}
