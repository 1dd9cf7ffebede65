import SourceErrors
/// Splits TeX into tokens; whitespace and `%` comments are dropped (`\text` reads its raw source instead).
enum Lexer {
    static func tokens(of source: LocatedText) throws(LocalError) -> [Token] {
        var tokens: [Token] = []
        let scalars = Array(source.text.unicodeScalars)
        var offsets: [Int] = []
        offsets.reserveCapacity(scalars.count + 1)
        var offset = 0
        for scalar in scalars {
            offsets.append(offset)
            offset += String(scalar).utf8.count
        }
        offsets.append(offset)

        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            let start = offsets[index]
            switch scalar {
            case " ", "\t", "\n", "\r":
                index += 1
            case "%":
                while index < scalars.count, scalars[index] != "\n" { index += 1 }
            case "\\":
                guard index + 1 < scalars.count else {
                    throw LocalError("a lone '\\' ends the formula", at: start..<offsets[index + 1])
                }
                let next = scalars[index + 1]
                if next == "\\" {
                    tokens.append(Token(kind: .rowBreak, range: start..<offsets[index + 2]))
                    index += 2
                } else if isLetter(next) {
                    var end = index + 1
                    while end < scalars.count, isLetter(scalars[end]) { end += 1 }
                    var name = String.UnicodeScalarView()
                    name.append(contentsOf: scalars[(index + 1)..<end])
                    tokens.append(Token(kind: .command(String(name)), range: start..<offsets[end]))
                    index = end
                } else {
                    let name = next == "\n" || next == "\t" ? " " : String(next)
                    tokens.append(Token(kind: .command(name), range: start..<offsets[index + 2]))
                    index += 2
                }
            default:
                let kind = singles[scalar] ?? .character(Character(scalar))
                tokens.append(Token(kind: kind, range: start..<offsets[index + 1]))
                index += 1
            }
        }
        return tokens
    }

    /// Characters that are tokens of their own kind.
    private static let singles: [Unicode.Scalar: Token.Kind] = [
        "{": .openBrace, "}": .closeBrace, "^": .superscript, "_": .subscript, "&": .alignment,
    ]

    private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
    }
}
