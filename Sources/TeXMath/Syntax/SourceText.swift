/// A piece of TeX and where it starts in the chapter file; turns byte offsets into locations and diagnostics.
struct SourceText: Sendable {
    let text: String
    let bytes: [UInt8]
    let start: TeXLocation

    init(_ text: String, start: TeXLocation) {
        self.text = text
        self.bytes = Array(text.utf8)
        self.start = start
    }

    /// The chapter location of a byte offset; the TeX may span several lines.
    func location(of offset: Int) -> TeXLocation {
        let offset = min(max(offset, 0), bytes.count)
        var line = start.line
        var lineStart = 0
        for index in 0..<offset where bytes[index] == 0x0A {
            line += 1
            lineStart = index + 1
        }
        let column = line == start.line ? start.column + offset : offset - lineStart + 1
        return TeXLocation(file: start.file, line: line, column: column)
    }

    /// The raw text between two byte offsets.
    func slice(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// A diagnostic for the token at `range`: location, message, the TeX line and a caret under the token.
    func error(_ message: String, at range: Range<Int>) -> TeXMathError {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        var lineStart = lower
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = lower
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let upper = min(max(range.upperBound, lower + 1), lineEnd)
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        // Pad with one space per character (tabs kept) so the caret lines up on screen, not in bytes.
        let before = String(decoding: bytes[lineStart..<lower], as: UTF8.self)
        let token = upper > lower ? String(decoding: bytes[lower..<upper], as: UTF8.self) : " "
        let padding = String(before.map { $0 == "\t" ? "\t" : " " })
        let caret = padding + "^" + String(repeating: "~", count: max(token.count - 1, 0))
        return TeXMathError(location: location(of: lower), message: message, sourceLine: line, caret: caret)
    }
}

/// A failure inside one piece of TeX, located by byte offsets until `SourceText` turns it into a `TeXMathError`.
struct LocalError: Error, Sendable {
    var message: String
    var range: Range<Int>

    init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
    }
}
