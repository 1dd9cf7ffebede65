/// The tags in a piece of raw HTML an author wrote, read the way a browser's tokenizer reads
/// them (HTML Standard §13.2.5): tag and attribute names lowercased, attribute values with
/// their character references decoded. Only what `HTMLPolicy` needs: tags, where each
/// stands, and whether the piece leaves the tokenizer inside a tag or comment.
struct RawHTMLTokenizer {
    struct Attribute: Equatable {
        /// Lowercased, as the browser matches it.
        var name: String
        /// With character references decoded (`&#106;` is `j`).
        var value: String
        /// Byte offset of the attribute's name in the piece.
        var offset: Int
    }

    struct Tag: Equatable {
        /// Lowercased.
        var name: String
        var isEndTag: Bool
        var attributes: [Attribute]
        /// Byte offset of the `<`.
        var offset: Int
        /// Byte offset just after the closing `>`; nil when the tag does not end in the piece,
        /// or a `<` stands inside it first.
        var end: Int?
        /// Byte offset of a `<` inside the tag, where reading stopped.
        var strayLessThan: Int?
    }

    let bytes: [UInt8]

    init(_ html: String) {
        bytes = Array(html.utf8)
    }

    /// Every tag a browser could see in the piece: each `<` followed by a letter (or `</` and a
    /// letter) read as a tag from there, inside comments, CDATA sections and processing
    /// instructions too. Where a browser's tokenizer is at such a `<` depends on more than the
    /// piece (raw text elements, SVG's CDATA sections, HTML before it in the page); from a tag's
    /// `<` on, reading is the same in every state. So every candidate is checked, which is the
    /// careful side, and since `HTMLPolicy` refuses a `<` inside a tag, candidates never
    /// overlap and reading them all stays linear.
    func allTags() -> [Tag] {
        var tags: [Tag] = []
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), let tag = tag(at: index) else {
                index += 1
                continue
            }
            tags.append(tag)
            index = tag.end ?? tag.strayLessThan ?? bytes.count
        }
        return tags
    }

    /// Where the tokenizer is when the piece ends, reading it from the data state as a browser
    /// does; nil when it is back in the data state. Text that the page puts after the piece
    /// would otherwise become part of a tag (`<div title="` and then escaped prose that reads
    /// `" onmouseover="…`) or comment.
    func unfinishedConstruct() -> (what: String, offset: Int)? {
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < bytes.count else {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if let tag = tag(at: index) {
                // A `<` inside the tag is refused on its own; read on from there.
                guard let end = tag.end ?? tag.strayLessThan else { return ("a tag", index) }
                index = end
            } else if starts(with: "<!--", at: index) {
                guard let end = commentEnd(after: index + 4) else { return ("a comment", index) }
                index = end
            } else if next == UInt8(ascii: "!") || next == UInt8(ascii: "?") || next == UInt8(ascii: "/") {
                // Declarations, CDATA in HTML content, processing instructions and `</ `: bogus
                // comments up to the next `>` (`</>` is nothing at all).
                guard let close = bytes[(index + 2)...].firstIndex(of: UInt8(ascii: ">")) else {
                    return (next == UInt8(ascii: "/") ? "an end tag" : "a declaration or comment", index)
                }
                index = close + 1
            } else {
                index += 1
            }
        }
        return nil
    }

    /// The first end tag `</name` at or after `start` that ends raw text as a browser ends it:
    /// followed by whitespace, `/` or `>`, in any case.
    func endTag(_ name: String, after start: Int) -> Range<Int>? {
        let needle = Array(("</" + name).utf8)
        var index = start
        while index + needle.count <= bytes.count {
            if bytes[index] == UInt8(ascii: "<"), zip(needle, bytes[index...]).allSatisfy({ $0 == lowercased($1) }) {
                let after = index + needle.count
                if after == bytes.count || [0x09, 0x0A, 0x0C, 0x0D, 0x20, UInt8(ascii: "/"), UInt8(ascii: ">")].contains(bytes[after]) {
                    return index..<after
                }
            }
            index += 1
        }
        return nil
    }

    // MARK: Tags

    /// The tag whose `<` is at `start`, if a letter (or `/` and a letter) follows it. Reading
    /// stops at a `<` inside the tag (`strayLessThan`).
    func tag(at start: Int) -> Tag? {
        var index = start + 1
        let isEndTag = index < bytes.count && bytes[index] == UInt8(ascii: "/")
        if isEndTag { index += 1 }
        guard index < bytes.count, isASCIILetter(bytes[index]) else { return nil }
        let nameStart = index
        while index < bytes.count, !isTagWhitespace(bytes[index]), !isOneOf(bytes[index], "/><") { index += 1 }
        var tag = Tag(name: lowercasedString(nameStart..<index), isEndTag: isEndTag, attributes: [], offset: start)
        while index < bytes.count {
            // Before an attribute name: whitespace and `/` are skipped; `>` ends the tag.
            let byte = bytes[index]
            if isTagWhitespace(byte) || byte == UInt8(ascii: "/") {
                index += 1
                continue
            }
            if byte == UInt8(ascii: ">") {
                tag.end = index + 1
                return tag
            }
            if byte == UInt8(ascii: "<") {
                tag.strayLessThan = index
                return tag
            }
            // The name: a first `=` belongs to it; then up to whitespace, `/`, `>` or `=`.
            let attributeStart = index
            index += 1
            while index < bytes.count, !isTagWhitespace(bytes[index]), !isOneOf(bytes[index], "/>=<") { index += 1 }
            var attribute = Attribute(name: lowercasedString(attributeStart..<index), value: "", offset: attributeStart)
            var after = index
            while after < bytes.count, isTagWhitespace(bytes[after]) { after += 1 }
            if after < bytes.count, bytes[after] == UInt8(ascii: "=") {
                index = after + 1
                while index < bytes.count, isTagWhitespace(bytes[index]) { index += 1 }
                let valueStart = index
                if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                    let quote = bytes[index]
                    index += 1
                    while index < bytes.count, bytes[index] != quote, bytes[index] != UInt8(ascii: "<") { index += 1 }
                    attribute.value = decoded(valueStart + 1..<index)
                    if index < bytes.count, bytes[index] == quote { index += 1 }
                } else {
                    while index < bytes.count, !isTagWhitespace(bytes[index]), !isOneOf(bytes[index], "><") { index += 1 }
                    attribute.value = decoded(valueStart..<index)
                }
            }
            tag.attributes.append(attribute)
        }
        return tag
    }

    /// After `<!--`: the end of the comment (`-->`, `--!>`, or at once for `<!-->` and `<!--->`).
    private func commentEnd(after start: Int) -> Int? {
        if starts(with: ">", at: start) { return start + 1 }
        if starts(with: "->", at: start) { return start + 2 }
        var index = start
        while index < bytes.count {
            if starts(with: "-->", at: index) { return index + 3 }
            if starts(with: "--!>", at: index) { return index + 4 }
            index += 1
        }
        return nil
    }

    // MARK: Bytes

    private func starts(with text: String, at index: Int) -> Bool {
        let needle = Array(text.utf8)
        return index + needle.count <= bytes.count && bytes[index..<index + needle.count].elementsEqual(needle)
    }

    private func decoded(_ range: Range<Int>) -> String {
        CharacterReferences.decode(String(decoding: bytes[range], as: UTF8.self))
    }

    private func lowercasedString(_ range: Range<Int>) -> String {
        String(decoding: bytes[range].map(lowercased), as: UTF8.self)
    }

    private func lowercased(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private func isOneOf(_ byte: UInt8, _ set: StaticString) -> Bool {
        set.withUTF8Buffer { $0.contains(byte) }
    }

    private func isASCIILetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    /// Tab, line feed, form feed and space separate attributes (and `\r`, which browsers read
    /// as a line feed; chapters are normalised before they get here anyway).
    private func isTagWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x20 || byte == 0x0D
    }
}
