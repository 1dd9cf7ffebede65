import SourceErrors
/// Reads the BibTeX subset a book uses, byte by byte, in one pass.
///
/// Every loop advances through the input or ends, and nested braces are counted, never
/// recursed into, so the work is linear in the input whatever its shape. `@string`
/// expansion is the one place where output could outgrow input (a macro defined as
/// another twice, forty times over), so the bytes it produces are budgeted.
struct BibParser {
    let source: LocatedText
    private let bytes: [UInt8]
    private var index = 0
    /// `@string` macros by lower-case name, preloaded with the month names.
    private var macros: [String: RawValue] = [:]
    private var expansion = 0
    private let expansionLimit: Int

    /// What one entry was before its fields are turned into text.
    struct RawEntry {
        var type: EntryType
        var key: String
        var at: Int
        var keyRange: Range<Int>
        /// Field name → (value, offset of the name), in the order written.
        var fields: [(name: String, value: RawValue, nameOffset: Int)]
    }

    /// The bytes `@string` expansion may produce beyond the file's own size.
    static let expansionAllowance = 1 << 24

    static let monthNames = [
        "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
        "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
    ]

    init(_ text: String, file: String) {
        self.source = LocatedText(text, file: file)
        self.bytes = source.bytes
        self.expansionLimit = bytes.count + Self.expansionAllowance
        for (name, month) in Self.monthNames {
            var value = RawValue()
            value.bytes = Array(month.utf8)
            value.segments = [RawValue.Segment(start: 0, source: 0)]
            macros[name] = value
        }
    }

    // MARK: - Top level

    mutating func parse() throws(LocatedError) -> [RawEntry] {
        var entries: [RawEntry] = []
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "%"): skipLine()
            case UInt8(ascii: "@"): if let entry = try item() { entries.append(entry) }
            default: index += 1  // BibTeX ignores text between entries
            }
        }
        return entries
    }

    /// One `@…` item: an entry, or a `@string`, `@preamble` or `@comment` (nil).
    private mutating func item() throws(LocatedError) -> RawEntry? {
        let at = index
        index += 1
        skipBlanks()
        let typeRange = identifier()
        guard !typeRange.isEmpty else {
            throw source.error("expected an entry type after '@', as in @article{key, …}", at: at..<at + 1)
        }
        let typeName = source.slice(typeRange).lowercased()
        switch typeName {
        case "comment":
            try skipComment(at: at)
            return nil
        case "preamble":
            let close = try open(after: "@preamble", at: at)
            _ = try value()
            try expectClose(close, of: "@preamble", at: at)
            return nil
        case "string":
            let close = try open(after: "@string", at: at)
            skipBlanksAndComments()
            let nameRange = identifier()
            guard !nameRange.isEmpty else {
                throw source.error("expected a macro name, as in @string{jmlr = {Journal of Machine Learning Research}}", at: here)
            }
            skipBlanksAndComments()
            guard peek == UInt8(ascii: "=") else { throw source.error("expected '=' after the @string name", at: here) }
            index += 1
            macros[source.slice(nameRange).lowercased()] = try value()
            try expectClose(close, of: "@string", at: at)
            return nil
        default:
            guard let type = EntryType(rawValue: typeName) else {
                let candidates = EntryType.allCases.map(\.rawValue) + ["comment", "preamble", "string"]
                let name = source.slice(typeRange)
                let hint = Suggestion.closest(to: typeName, in: candidates).map { "did you mean '@\($0)'?" }
                    ?? "use one of " + EntryType.allCases.map(\.description).joined(separator: ", ") + " (@misc for anything else)"
                throw source.error("unknown entry type '@\(shown(name))'; \(hint)", at: typeRange)
            }
            return try entry(type, at: at)
        }
    }

    private mutating func entry(_ type: EntryType, at: Int) throws(LocatedError) -> RawEntry {
        let close = try open(after: type.description, at: at)
        skipBlanksAndComments()
        let keyStart = index
        while let byte = peek, Self.isKeyByte(byte) { index += 1 }
        let keyRange = keyStart..<index
        guard !keyRange.isEmpty else {
            throw source.error("expected the entry's key after '\(type){', as in \(type){smith2001, …}", at: here)
        }
        let key = source.slice(keyRange)
        var entry = RawEntry(type: type, key: key, at: at, keyRange: keyRange, fields: [])
        skipBlanksAndComments()
        if peek == UInt8(ascii: "=") {
            throw source.error("the entry has no key: '\(shown(key))' is followed by '='; write \(type){key, \(shown(key)) = …}", at: keyRange)
        }
        if peek == close {
            index += 1
            return entry
        }
        guard peek == UInt8(ascii: ",") else {
            try checkNotCut(entry: entry, close: close)
            throw source.error("expected ',' after the key '\(shown(key))' (a key cannot contain spaces)", at: here)
        }
        index += 1
        while true {
            skipBlanksAndComments()
            try checkNotCut(entry: entry, close: close)
            if peek == close {
                index += 1
                return entry
            }
            let nameRange = identifier()
            guard !nameRange.isEmpty else {
                throw source.error("expected a field name, or '\(Character(Unicode.Scalar(close)))' to close the entry '\(shown(key))'", at: here)
            }
            let name = source.slice(nameRange).lowercased()
            skipBlanksAndComments()
            guard peek == UInt8(ascii: "=") else {
                throw source.error("expected '=' after the field name '\(shown(name))'", at: here)
            }
            index += 1
            let value = try value()
            if let first = entry.fields.first(where: { $0.name == name }) {
                throw source.error(
                    "field '\(name)' appears twice in '\(shown(key))'; the first is at line \(source.location(of: first.nameOffset).line)",
                    at: nameRange, related: source.location(of: first.nameOffset))
            }
            entry.fields.append((name, value, nameRange.lowerBound))
            skipBlanksAndComments()
            try checkNotCut(entry: entry, close: close)
            if peek == UInt8(ascii: ",") {
                index += 1
            } else if peek != close {
                throw source.error("expected ',' or '\(Character(Unicode.Scalar(close)))' after the value of '\(name)'", at: here)
            }
        }
    }

    /// An entry that reaches the end of the file, or the next `@…` line, without its closing
    /// brace is an error at the entry, not wherever the reader gives up.
    private func checkNotCut(entry: RawEntry, close: UInt8) throws(LocatedError) {
        let closing = Character(Unicode.Scalar(close))
        if index >= bytes.count {
            throw source.error("entry '\(shown(entry.key))' is not closed: no '\(closing)' before the end of the file", at: entry.at..<entry.keyRange.upperBound)
        }
        if peek == UInt8(ascii: "@") {
            throw source.error(
                "entry '\(shown(entry.key))' is not closed: no '\(closing)' before the next entry at line \(source.location(of: index).line)",
                at: entry.at..<entry.keyRange.upperBound)
        }
    }

    // MARK: - Values

    /// `piece # piece # …`, each piece `{…}`, `"…"`, a number or an `@string` name.
    private mutating func value() throws(LocatedError) -> RawValue {
        var raw = RawValue()
        while true {
            skipBlanksAndComments()
            guard let byte = peek else { throw source.error("expected a value before the end of the file", at: here) }
            switch byte {
            case UInt8(ascii: "{"):
                let start = index
                let end = try balanced(from: start, quote: nil)
                raw.append(start + 1..<end, of: bytes)
                index = end + 1
            case UInt8(ascii: "\""):
                let start = index
                let end = try balanced(from: start, quote: UInt8(ascii: "\""))
                raw.append(start + 1..<end, of: bytes)
                index = end + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                while let digit = peek, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) { index += 1 }
                raw.append(start..<index, of: bytes)
            default:
                let nameRange = identifier()
                guard !nameRange.isEmpty else {
                    throw source.error("expected a value: {…}, \"…\", a number or an @string name", at: here)
                }
                let name = source.slice(nameRange).lowercased()
                guard let macro = macros[name] else {
                    let hint = Suggestion.phrase(for: name, in: macros.keys.sorted())
                    throw source.error("unknown @string macro '\(shown(source.slice(nameRange)))'\(hint)", at: nameRange)
                }
                expansion += macro.bytes.count + macro.segments.count
                if expansion > expansionLimit {
                    throw source.error("@string macros expand to more than \(expansionLimit) bytes in all", at: nameRange)
                }
                raw.append(macro)
            }
            skipBlanksAndComments()
            guard peek == UInt8(ascii: "#") else { return raw }
            index += 1
        }
    }

    /// The offset of the brace or quote that closes the one at `start`. Braces are counted
    /// (BibTeX counts `\{` too); a quote closes only outside braces. An unclosed value is an
    /// error at its opening, reported when a line starting with `@` shows the next entry
    /// (except in `@comment{…}`, whose point is often to hold entries).
    private func balanced(from start: Int, quote: UInt8?, stopAtEntries: Bool = true) throws(LocatedError) -> Int {
        var depth = quote == nil ? 1 : 0
        var cursor = start + 1
        var lineStart = true
        let what = quote == nil ? "'{'" : "'\"'"
        while cursor < bytes.count {
            let byte = bytes[cursor]
            switch byte {
            case UInt8(ascii: "{"):
                depth += 1
            case UInt8(ascii: "}"):
                if depth == 0 {
                    throw source.error("'}' without a matching '{' inside a \"…\" value", at: cursor..<cursor + 1)
                }
                depth -= 1
                if depth == 0, quote == nil { return cursor }
            case UInt8(ascii: "\""):
                if depth == 0, quote != nil { return cursor }
            case UInt8(ascii: "@") where lineStart && stopAtEntries:
                if cursor + 1 < bytes.count, Self.isLetter(bytes[cursor + 1]) {
                    throw source.error(
                        "\(what) is not closed before the next entry at line \(source.location(of: cursor).line)", at: start..<start + 1)
                }
            default:
                break
            }
            if byte == 0x0A {
                lineStart = true
            } else if byte != 0x20, byte != 0x09, byte != 0x0D {
                lineStart = false
            }
            cursor += 1
        }
        throw source.error("\(what) is not closed before the end of the file", at: start..<start + 1)
    }

    // MARK: - Skipping

    /// `@comment{…}` or `@comment(…)`: the balanced group is dropped; otherwise the rest of the line.
    private mutating func skipComment(at: Int) throws(LocatedError) {
        skipBlanks()
        switch peek {
        case UInt8(ascii: "{"):
            index = try balanced(from: index, quote: nil, stopAtEntries: false) + 1
        case UInt8(ascii: "("):
            var depth = 0
            var cursor = index + 1
            while cursor < bytes.count {
                if bytes[cursor] == UInt8(ascii: "(") { depth += 1 }
                if bytes[cursor] == UInt8(ascii: ")") {
                    if depth == 0 { break }
                    depth -= 1
                }
                cursor += 1
            }
            guard cursor < bytes.count else { throw source.error("'@comment(' is not closed before the end of the file", at: at..<index + 1) }
            index = cursor + 1
        default:
            skipLine()
        }
    }

    private mutating func open(after what: String, at: Int) throws(LocatedError) -> UInt8 {
        skipBlanksAndComments()
        switch peek {
        case UInt8(ascii: "{"): index += 1; return UInt8(ascii: "}")
        case UInt8(ascii: "("): index += 1; return UInt8(ascii: ")")
        default: throw source.error("expected '{' after \(what)", at: here)
        }
    }

    private mutating func expectClose(_ close: UInt8, of what: String, at: Int) throws(LocatedError) {
        skipBlanksAndComments()
        guard peek == close else {
            throw source.error("expected '\(Character(Unicode.Scalar(close)))' to close \(what)", at: here)
        }
        index += 1
    }

    private mutating func skipBlanks() {
        while let byte = peek, Self.isBlank(byte) { index += 1 }
    }

    /// Blanks, and `%` comments to the end of the line (between tokens only, never inside a value).
    private mutating func skipBlanksAndComments() {
        while let byte = peek {
            if Self.isBlank(byte) {
                index += 1
            } else if byte == UInt8(ascii: "%") {
                skipLine()
            } else {
                return
            }
        }
    }

    private mutating func skipLine() {
        while let byte = peek, byte != 0x0A { index += 1 }
    }

    /// An entry type, field or macro name: a letter, then letters, digits and `_-:.+/`.
    private mutating func identifier() -> Range<Int> {
        let start = index
        guard let first = peek, Self.isLetter(first) || first == UInt8(ascii: "_") else { return start..<start }
        while let byte = peek, Self.isIdentifierByte(byte) { index += 1 }
        return start..<index
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    /// A one-byte range at the cursor (empty at the end of the file).
    private var here: Range<Int> { index..<min(index + 1, bytes.count) }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C }

    static func isLetter(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "_-:.+/".utf8.contains(byte)
    }

    /// Keys are anything printable but blanks and `,{}()"#%'=\~` (non-ASCII letters too).
    static func isKeyByte(_ byte: UInt8) -> Bool {
        byte > 0x20 && byte != 0x7F && !",{}()\"#%'=\\~".utf8.contains(byte)
    }
}
