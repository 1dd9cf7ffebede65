import SourceErrors
/// Splits an `author` or `editor` field into names, the way BibTeX does.
///
/// Names are separated by the word `and` (in any case) outside braces. A name is `First von Last`,
/// `von Last, First` or `von Last, Jr, First`; the von part is the run of words that
/// start with a lower-case letter (`van der`, `de la`). A brace group is one word whose
/// case does not count, so `{Google Brain Team}` is a last name. A final `and others`
/// becomes `NameList.endsWithOthers`.
struct NameParser {
    let latex: LaTeXText

    private enum Token {
        case word(Range<Int>)
        case comma(Int)
    }

    private enum Case { case lower, upper, caseless }

    func names() throws(LocatedError) -> NameList {
        let bytes = latex.raw.bytes
        let tokens = tokenize(bytes)
        guard !tokens.isEmpty else { throw latex.error("the \(latex.field) field is empty", at: 0..<max(bytes.count, 1)) }
        // Names, each a run of tokens between `and`s.
        var groups: [[Token]] = [[]]
        var separators: [Int] = []
        for token in tokens {
            if case .word(let range) = token, isAnd(range) {
                groups.append([])
                separators.append(range.lowerBound)
            } else {
                groups[groups.count - 1].append(token)
            }
        }
        var list = NameList()
        for (number, group) in groups.enumerated() {
            guard !group.isEmpty else {
                let at = number < separators.count ? separators[number] : separators[number - 1]
                throw latex.error("a name is missing next to this 'and' in the \(latex.field) field", at: at..<at + 3)
            }
            if group.count == 1, case .word(let range) = group[0], isWord(range, "others") {
                guard number == groups.count - 1 else {
                    throw latex.error("'others' stands for the names not listed, so it must come last", at: range)
                }
                list.endsWithOthers = true
                continue
            }
            list.people.append(try person(group))
        }
        return list
    }

    /// Words outside braces split at blanks; commas outside braces are tokens of their own.
    private func tokenize(_ bytes: [UInt8]) -> [Token] {
        var tokens: [Token] = []
        var depth = 0
        var wordStart: Int?
        for (i, byte) in bytes.enumerated() {
            if depth == 0, BibParser.isBlank(byte) || byte == UInt8(ascii: ",") {
                if let start = wordStart { tokens.append(.word(start..<i)) }
                wordStart = nil
                if byte == UInt8(ascii: ",") { tokens.append(.comma(i)) }
                continue
            }
            if wordStart == nil { wordStart = i }
            if byte == UInt8(ascii: "{") { depth += 1 }
            if byte == UInt8(ascii: "}") { depth = max(depth - 1, 0) }
        }
        if let start = wordStart { tokens.append(.word(start..<bytes.count)) }
        return tokens
    }

    private func person(_ tokens: [Token]) throws(LocatedError) -> Person {
        var parts: [[Range<Int>]] = [[]]
        for token in tokens {
            switch token {
            case .word(let range):
                parts[parts.count - 1].append(range)
            case .comma(let at):
                guard parts.count < 3 else {
                    throw latex.error("too many commas in a name: write 'von Last, First' or 'von Last, Jr., First'", at: at..<at + 1)
                }
                guard !parts[parts.count - 1].isEmpty else {
                    throw latex.error("nothing before this comma in a name of the \(latex.field) field", at: at..<at + 1)
                }
                parts.append([])
            }
        }
        if parts.count > 1, parts[parts.count - 1].isEmpty, case .comma(let at)? = tokens.last {
            throw latex.error("nothing after this comma in a name of the \(latex.field) field", at: at..<at + 1)
        }
        var first: [Range<Int>] = []
        var von: [Range<Int>] = []
        var last: [Range<Int>] = []
        var jr: [Range<Int>] = []
        if parts.count == 1 {
            let words = parts[0]
            if let start = words.dropLast().firstIndex(where: { caseOf($0) == .lower }) {
                let end = words.dropLast().lastIndex { caseOf($0) == .lower }!
                first = Array(words[..<start])
                von = Array(words[start...end])
                last = Array(words[(end + 1)...])
            } else {
                first = Array(words.dropLast())
                last = [words[words.count - 1]]
            }
        } else {
            let words = parts[0]
            if words.count > 1, caseOf(words[0]) == .lower {
                let end = words.dropLast().lastIndex { caseOf($0) == .lower }!
                von = Array(words[...end])
                last = Array(words[(end + 1)...])
            } else {
                last = words
            }
            first = parts[parts.count - 1]
            if parts.count == 3 { jr = parts[1] }
        }
        return Person(first: try text(first), von: try text(von), last: try text(last), jr: try text(jr))
    }

    /// The text of consecutive words, from the first's start to the last's end.
    private func text(_ words: [Range<Int>]) throws(LocatedError) -> String {
        guard let lower = words.first?.lowerBound, let upper = words.last?.upperBound else { return "" }
        return try latex.text(lower..<upper)
    }

    /// `and` in any case, as BibTeX reads it.
    private func isAnd(_ range: Range<Int>) -> Bool {
        range.count == 3 && latex.raw.bytes[range].map { $0 | 0x20 }.elementsEqual("and".utf8)
    }

    private func isWord(_ range: Range<Int>, _ word: String) -> Bool {
        latex.raw.bytes[range].elementsEqual(word.utf8)
    }

    /// The case of a word's first letter. A brace group at the start has no case, unless
    /// it begins with a command (`{\"o}`, `{\ss}`): then the letter it makes decides.
    private func caseOf(_ range: Range<Int>) -> Case {
        let bytes = latex.raw.bytes
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            if byte == UInt8(ascii: "{") {
                guard i + 1 < range.upperBound, bytes[i + 1] == UInt8(ascii: "\\") else { return .caseless }
                return commandCase(at: i + 1, end: range.upperBound)
            }
            if byte == UInt8(ascii: "\\") { return commandCase(at: i, end: range.upperBound) }
            if BibParser.isLetter(byte) { return byte >= UInt8(ascii: "a") ? .lower : .upper }
            if byte >= 0x80 {
                let length = LaTeXText.scalarLength(byte)
                let scalar = String(decoding: bytes[i..<min(i + length, range.upperBound)], as: UTF8.self).unicodeScalars.first
                if let scalar, scalar.properties.isLowercase { return .lower }
                if let scalar, scalar.properties.isUppercase { return .upper }
                i += length
                continue
            }
            i += 1
        }
        return .caseless
    }

    /// The case of the letter a command at `bytes[start] == "\\"` makes: an accent's letter,
    /// or the command's own name (`\ss` lower, `\O` upper).
    private func commandCase(at start: Int, end: Int) -> Case {
        let bytes = latex.raw.bytes
        var j = start + 1
        while j < end, BibParser.isLetter(bytes[j]) { j += 1 }
        let name = j > start + 1
            ? String(decoding: bytes[start + 1..<j], as: UTF8.self)
            : (start + 1 < end ? String(decoding: bytes[start + 1..<start + 2], as: UTF8.self) : "")
        if Accents.table[name] != nil {
            var k = j > start + 1 ? j : start + 2
            while k < end, !BibParser.isLetter(bytes[k]) {
                if bytes[k] == UInt8(ascii: "\\") { return .lower }  // \i, \j
                k += 1
            }
            guard k < end else { return .caseless }
            return bytes[k] >= UInt8(ascii: "a") ? .lower : .upper
        }
        guard let first = name.utf8.first, BibParser.isLetter(first) else { return .caseless }
        return first >= UInt8(ascii: "a") ? .lower : .upper
    }
}
