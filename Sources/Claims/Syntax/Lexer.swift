import SourceErrors
/// Splits a claim's body into tokens, in one pass over its UTF-8 bytes.
///
/// Names: a name is letters, digits, `_` and `-`, in parts joined by `.`, and
/// starts with a letter or `_`. A `-` with a letter, digit or `_` on both sides
/// belongs to the word it stands in: `lk-fit.sigma-ml` is one name and never a
/// subtraction, so subtracting needs a space or a bracket on one side of the
/// minus (`a.x - b.y`, `a.x -b.y`). The same holds after a number: `2-1` is
/// an error asking for spaces, while the exponent of `1e-3` is part of the number.
enum Lexer {
    static func tokens(of source: LocatedText) throws(LocalError) -> TokenList {
        let bytes = source.bytes
        var tokens = TokenList()
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let start = index
            func single(_ kind: Token.Kind, length: Int = 1) {
                tokens.append(kind, start..<start + length)
                index += length
            }
            let next: UInt8? = index + 1 < bytes.count ? bytes[index + 1] : nil
            switch byte {
            case ascii(" "), ascii("\t"), ascii("\n"), ascii("\r"):
                index += 1
            case _ where isDigit(byte) || (byte == ascii(".") && next.map(isDigit) == true):
                let value = try number(in: source, at: &index)
                tokens.append(number: value, start..<index)
            case _ where isLetter(byte) || byte == ascii("_"):
                let end = wordEnd(bytes, from: index)
                if end < bytes.count, bytes[end] == ascii(".") {
                    throw LocalError("a name does not end in '.'", at: end..<end + 1)
                }
                let text = source.slice(start..<end)
                if let keyword = Token.keywords[text] {
                    tokens.append(keyword, start..<end)
                } else {
                    tokens.append(text.utf8.contains(UInt8(ascii: ".")) ? .name : .word, start..<end, text: text)
                }
                index = end
            case ascii("\""):
                let text = try string(in: source, at: &index)
                tokens.append(.string, start..<index, text: text)
            case ascii("+"): single(.plus)
            case ascii("-"): single(.minus)
            case ascii("*"): single(.star)
            case ascii("/"): single(.slash)
            case ascii("("): single(.open)
            case ascii(")"): single(.close)
            case ascii(","): single(.comma)
            case ascii("<"):
                if next == ascii("=") { single(.lessOrEqual, length: 2) } else { single(.less) }
            case ascii(">"):
                if next == ascii("=") { single(.greaterOrEqual, length: 2) } else { single(.greater) }
            case ascii("="):
                guard next == ascii("=") else { throw LocalError("write '==' to compare numbers", at: start..<start + 1) }
                single(.equal, length: 2)
            case ascii("!"):
                guard next == ascii("=") else { throw LocalError("write 'not' for '!'", at: start..<start + 1) }
                single(.notEqual, length: 2)
            default:
                throw unexpected(in: source, at: start)
            }
        }
        return tokens
    }

    /// The end of the word starting at `start`: name characters, a `-` between
    /// two of them, a `.` between two of them.
    static func wordEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if isNameCharacter(byte) {
                index += 1
            } else if byte == ascii("-") || byte == ascii("."), index > start, isNameCharacter(bytes[index - 1]),
                index + 1 < bytes.count, isNameCharacter(bytes[index + 1])
            {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    /// `digits [. digits] [e [+-] digits]` or `. digits [e [+-] digits]`; a number
    /// running on into a word (`2x`, `2-1`, `1.5.x`) is an error.
    private static func number(in source: LocatedText, at index: inout Int) throws(LocalError) -> Double {
        let bytes = source.bytes
        let start = index
        func digits() { while index < bytes.count, isDigit(bytes[index]) { index += 1 } }
        digits()
        if index + 1 < bytes.count, bytes[index] == ascii("."), isDigit(bytes[index + 1]) {
            index += 1
            digits()
        }
        if index < bytes.count, bytes[index] == ascii("e") || bytes[index] == ascii("E") {
            var exponent = index + 1
            if exponent < bytes.count, bytes[exponent] == ascii("+") || bytes[exponent] == ascii("-") { exponent += 1 }
            if exponent < bytes.count, isDigit(bytes[exponent]) {
                index = exponent
                digits()
            }
        }
        let end = index
        let runOn = wordEnd(bytes, from: end > start ? end - 1 : end)
        if runOn > end || (end < bytes.count && bytes[end] == ascii(".")) {
            let stop = max(runOn, end + 1)
            let word = source.slice(start..<stop)
            let hint = word.contains("-")
                ? ": a '-' between letters or digits belongs to a name; to subtract, put spaces around it"
                : "; names start with a letter or '_'"
            throw LocalError("'\(word)' is not a number\(hint)", at: start..<stop)
        }
        let text = source.slice(start..<end)
        guard let value = Double(text), value.isFinite else {
            throw LocalError("the number '\(text)' is out of range", at: start..<end)
        }
        return value
    }

    /// `"…"`; `\"` is a quote and `\\` a backslash, any other backslash stays as
    /// written (so Markdown escapes like `\*` reach the caller).
    private static func string(in source: LocatedText, at index: inout Int) throws(LocalError) -> String {
        let bytes = source.bytes
        let start = index
        var content: [UInt8] = []
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == ascii("\"") {
                index += 1
                return String(decoding: content, as: UTF8.self)
            }
            if byte == ascii("\\"), index + 1 < bytes.count, bytes[index + 1] == ascii("\"") || bytes[index + 1] == ascii("\\") {
                content.append(bytes[index + 1])
                index += 2
            } else {
                content.append(byte)
                index += 1
            }
        }
        throw LocalError("the string has no closing '\"'", at: start..<start + 1)
    }

    /// An error for a character that starts no token, with the spelling to use where one is likely meant.
    private static func unexpected(in source: LocatedText, at start: Int) -> LocalError {
        let bytes = source.bytes
        var end = start + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        let character = source.slice(start..<end)
        let hint: String? = switch character {
        case "&": "write 'and'"
        case "|": "write 'or' (a claim takes no '| format')"
        case "^": "there is no power operator: write a.x * a.x, or exp(…) and log(…)"
        case "'", "‘", "’", "“", "”": "the words after 'then' and 'else' go in straight double quotes: \"…\""
        case "≤": "write '<='"
        case "≥": "write '>='"
        case "≠": "write '!='"
        case "−", "–": "write '-'"
        case "×", "·": "write '*'"
        case "÷": "write '/'"
        default: nil
        }
        return LocalError("unexpected '\(character)'" + (hint.map { "; \($0)" } ?? ""), at: start..<end)
    }

    static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(character.value) }
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    static func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    /// Letters, digits and `_`: what names are made of, with `-` and `.` between them.
    static func isNameCharacter(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == ascii("_") }
}
