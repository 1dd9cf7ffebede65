import CommonMark

/// `[@key]`, `[@key, §3.1]` and `[@a; @b]` in prose: a citation of entries of
/// `chapters/references.bib`, each with an optional locator after a comma.
/// Which keys exist is checked by `plan`.
struct Citation: Sendable, Equatable {
    struct Item: Sendable, Equatable {
        var key: String
        /// `§3.1`, `p. 12`: shown after the year, as written.
        var locator: String?
        /// Where the key is written (after its `@`).
        var location: SourceLocation?
    }

    var items: [Item]
}

enum CitationSyntax {
    /// `text` cut at its citations: `.citation` nodes, and the text between them cut
    /// at its references. `start` is where the text's first byte is in the file.
    static func split(_ text: String, range: SourceRange?, start: SourceLocation?) -> [DocumentNode] {
        guard text.containsMarker("[@") else { return ReferenceSyntax.split(text, range: range, start: start) }
        let bytes = Array(text.utf8)
        var nodes: [DocumentNode] = []
        var plainStart = 0
        var index = 0
        func plain(_ end: Int) {
            guard plainStart < end else { return }
            let pieceStart = start.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column + plainStart) }
            nodes += ReferenceSyntax.split(String(decoding: bytes[plainStart..<end], as: UTF8.self), range: range, start: pieceStart)
        }
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "["), bytes[index + 1] == UInt8(ascii: "@"),
                  let close = bytes[index...].firstIndex(of: UInt8(ascii: "]")),
                  let citation = parse(bytes, from: index + 1, to: close, start: start) else {
                index += 1
                continue
            }
            plain(index)
            nodes.append(DocumentNode(.citation(citation), range: range))
            index = close + 1
            plainStart = index
        }
        plain(bytes.count)
        return nodes
    }

    /// The citation between `[` and `]`: `@key` items separated by `;`, each with an
    /// optional `, locator`; nil if the brackets hold anything else (or a label
    /// reference such as `[@fig:x]`, which stays a reference).
    private static func parse(_ bytes: [UInt8], from: Int, to: Int, start: SourceLocation?) -> Citation? {
        var items: [Citation.Item] = []
        var position = from
        for part in bytes[from..<to].split(separator: UInt8(ascii: ";"), omittingEmptySubsequences: false) {
            let partStart = position
            position += part.count + 1
            let leading = part.prefix { $0 == 0x20 }.count
            let body = part.dropFirst(leading)
            guard body.first == UInt8(ascii: "@") else { return nil }
            let keyBytes = body.dropFirst().prefix { isKeyByte($0) }
            guard !keyBytes.isEmpty else { return nil }
            let key = String(decoding: keyBytes, as: UTF8.self)
            if Label.Kind.allCases.contains(where: { key.hasPrefix($0.rawValue + ":") }) { return nil }
            var locator: String?
            let rest = body.dropFirst(1 + keyBytes.count)
            if rest.first == UInt8(ascii: ",") {
                let text = String(decoding: rest.dropFirst(), as: UTF8.self).trimmingWhitespace()
                guard !text.isEmpty else { return nil }
                locator = text
            } else if !rest.allSatisfy({ $0 == 0x20 }) {
                return nil
            }
            let keyColumn = partStart + leading + 1
            let location = start.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column + keyColumn) }
            items.append(Citation.Item(key: key, locator: locator, location: location))
        }
        return items.isEmpty ? nil : Citation(items: items)
    }

    /// Characters BibTeX keys are made of here: letters, digits and `_ - : . / +`.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || [UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "."), UInt8(ascii: "/"), UInt8(ascii: "+")].contains(byte)
    }
}
