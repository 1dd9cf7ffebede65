import CommonMark

/// Finds `@fig:label`, `@tab:label` and `@eq:label` in text. Which labels exist
/// is known only once every page is numbered; `resolve` checks them.
enum ReferenceSyntax {
    /// `text` cut at its references: text nodes and `.reference` nodes. `start` is
    /// where the text's first byte is in the chapter file.
    static func split(_ text: String, range: SourceRange?, start: SourceLocation?) -> [DocumentNode] {
        guard text.containsMarker("@") else { return [DocumentNode(.markdown(.text(text)), range: range)] }
        var nodes: [DocumentNode] = []
        let bytes = Array(text.utf8)
        var plainStart = 0
        var index = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@"), index == 0 || !isNameByte(bytes[index - 1]),
                  let (kind, nameEnd) = reference(in: bytes, at: index) else {
                index += 1
                continue
            }
            if plainStart < index {
                nodes.append(DocumentNode(.markdown(.text(String(decoding: bytes[plainStart..<index], as: UTF8.self))), range: range))
            }
            let name = String(decoding: bytes[index + kind.rawValue.utf8.count + 2..<nameEnd], as: UTF8.self)
            let location = start.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column + index) }
            nodes.append(DocumentNode(.reference(LabelKey(kind, name), location), range: range))
            index = nameEnd
            plainStart = nameEnd
        }
        if plainStart < bytes.count {
            nodes.append(DocumentNode(.markdown(.text(String(decoding: bytes[plainStart...], as: UTF8.self))), range: range))
        }
        return nodes
    }

    /// `@eq:name` at `start`: the kind and the end of the name, if it is one.
    private static func reference(in bytes: [UInt8], at start: Int) -> (Label.Kind, Int)? {
        for kind in Label.Kind.allCases {
            let prefix = Array("@\(kind.rawValue):".utf8)
            guard bytes.count >= start + prefix.count, Array(bytes[start..<start + prefix.count]) == prefix else { continue }
            var end = start + prefix.count
            while end < bytes.count && isNameByte(bytes[end]) { end += 1 }
            // A trailing '-' or '_' belongs to the sentence, not the label.
            while end > start + prefix.count && (bytes[end - 1] == UInt8(ascii: "-") || bytes[end - 1] == UInt8(ascii: "_")) { end -= 1 }
            return end > start + prefix.count ? (kind, end) : nil
        }
        return nil
    }

    private static func isNameByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte >= 0x80
    }
}
