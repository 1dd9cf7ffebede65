/// The text between `{{` and `}}` and where its first byte is in the chapter;
/// turns byte offsets into locations and diagnostics.
struct ClaimSource: Sendable, Equatable {
    let text: String
    let bytes: [UInt8]
    let start: ClaimLocation
    /// The offset of the first byte of each line after the first, so that
    /// locating a name costs a binary search, not a scan.
    private let lineStarts: [Int]

    init(_ text: String, start: ClaimLocation) {
        let bytes = Array(text.utf8)
        self.text = text
        self.bytes = bytes
        self.start = start
        self.lineStarts = bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
    }

    /// The chapter location of a byte offset; a body may span lines.
    func location(of offset: Int) -> ClaimLocation {
        let offset = min(max(offset, 0), bytes.count)
        // How many lines start at or before `offset`.
        var low = 0, high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return ClaimLocation(file: start.file, line: start.line, column: start.column + offset) }
        return ClaimLocation(file: start.file, line: start.line + low, column: offset - lineStarts[low - 1] + 1)
    }

    /// The raw text between two byte offsets.
    func slice(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// A diagnostic for the part at `range`: its location, the message, its line
    /// and a caret under it (up to the end of that line).
    func error(_ message: String, at range: Range<Int>) -> ClaimError {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        var lineStart = lower
        while lineStart > 0, bytes[lineStart - 1] != 0x0A { lineStart -= 1 }
        var lineEnd = lower
        while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
        let upper = min(max(range.upperBound, lower), lineEnd)
        let line = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
        // One space per character before the part (tabs kept), so the caret lines up
        // on screen rather than in bytes; one mark per character under it.
        let before = String(decoding: bytes[lineStart..<lower], as: UTF8.self)
        let part = String(decoding: bytes[lower..<upper], as: UTF8.self)
        let padding = String(before.map { $0 == "\t" ? "\t" : " " })
        let caret = padding + "^" + String(repeating: "~", count: max(part.count - 1, 0))
        return ClaimError(location: location(of: lower), message: message, sourceLine: line, caret: caret)
    }
}

/// A failure located by byte offsets in the body, until `ClaimSource` turns it
/// into a `ClaimError`.
struct LocalError: Error, Sendable {
    var message: String
    var range: Range<Int>

    init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
    }
}
