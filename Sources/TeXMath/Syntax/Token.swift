/// One lexical unit of TeX with its byte range in the source.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// `\name` or a control symbol such as `\,` (name without the backslash).
        case command(String)
        /// Any other character: letters, digits, punctuation, operators.
        case character(Character)
        case openBrace
        case closeBrace
        case superscript
        case `subscript`
        case alignment
        /// `\\`
        case rowBreak
    }

    var kind: Kind
    var range: Range<Int>
}
