/// A `.bib` file's bytes with its line starts; turns byte offsets into locations and diagnostics.
struct SourceBytes: Sendable {
    let file: String
    let bytes: [UInt8]
    /// The offset of the first byte of each line, found once so a location costs a binary search.
    let lineStarts: [Int]

    /// At most this many bytes of a line are shown either side of an error's token.
    static let window = 80

    init(_ text: String, file: String) {
        self.file = file
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (index, byte) in bytes.enumerated() where byte == 0x0A { starts.append(index + 1) }
        self.lineStarts = starts
    }

    /// The 0-based line holding `offset`.
    func lineIndex(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low
    }

    func location(of offset: Int) -> BibLocation {
        let offset = min(max(offset, 0), bytes.count)
        let line = lineIndex(of: offset)
        return BibLocation(file: file, line: line + 1, column: offset - lineStarts[line] + 1)
    }

    func text(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// A diagnostic for the token at `range`: location, message, the source line and a caret.
    func error(_ message: String, at range: Range<Int>, related: BibLocation? = nil) -> BibError {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let line = lineIndex(of: lower)
        var lineStart = lineStarts[line]
        var lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let tokenEnd = min(max(range.upperBound, lower + 1), max(lineEnd, lower))
        // A window around the token, on scalar boundaries, so a megabyte-long line prints short.
        var prefix = "", suffix = ""
        if lower - lineStart > Self.window {
            lineStart = scalarStart(lower - Self.window)
            prefix = "…"
        }
        if lineEnd - tokenEnd > Self.window {
            lineEnd = scalarStart(tokenEnd + Self.window)
            suffix = "…"
        }
        let visibleTokenEnd = min(tokenEnd, lineEnd)
        let before = String(decoding: bytes[lineStart..<min(lower, lineEnd)], as: UTF8.self)
        let token = visibleTokenEnd > lower ? String(decoding: bytes[lower..<visibleTokenEnd], as: UTF8.self) : " "
        // One space per character (tabs kept) so the caret lines up on screen, not in bytes.
        let padding = String((prefix + before).map { $0 == "\t" ? "\t" : " " })
        let caret = padding + "^" + String(repeating: "~", count: max(min(token.count, 2 * Self.window) - 1, 0))
        let shown = prefix + String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self) + suffix
        return BibError(location: location(of: lower), message: message, sourceLine: shown, caret: caret, related: related)
    }

    /// The start of the UTF-8 scalar that holds `offset`.
    private func scalarStart(_ offset: Int) -> Int {
        var offset = min(max(offset, 0), bytes.count)
        while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }
}

/// A name from the input, cut short for a message: hostile input must not make megabyte diagnostics.
func shown(_ name: String) -> String {
    let limit = 40
    guard name.count > limit else { return name }
    return String(name.prefix(limit)) + "…"
}
