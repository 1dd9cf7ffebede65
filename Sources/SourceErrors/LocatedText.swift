/// A piece of text and where its first byte is in its file (a formula or a claim inside
/// a chapter, or a whole `.bib` file): turns byte offsets into locations and errors.
public struct LocatedText: Sendable, Equatable {
    public let text: String
    public let bytes: [UInt8]
    /// Where the first byte is.
    public let start: TextLocation
    /// The offset of the first byte of each line after the first, so that a location
    /// costs a binary search, not a scan.
    private let lineStarts: [Int]

    /// At most this many bytes of a line are shown either side of an error's token, so a
    /// megabyte-long line gives a short diagnostic.
    public static let window = 80

    public init(_ text: String, start: TextLocation) {
        let bytes = Array(text.utf8)
        self.text = text
        self.bytes = bytes
        self.start = start
        self.lineStarts = bytes.indices.filter { bytes[$0] == 0x0A }.map { $0 + 1 }
    }

    /// A whole file: its first byte is at line 1, column 1.
    public init(_ text: String, file: String) {
        self.init(text, start: TextLocation(file: file, line: 1, column: 1))
    }

    /// How many lines start at or before `offset` (after the first).
    private func linesBefore(_ offset: Int) -> Int {
        var low = 0, high = lineStarts.count
        while low < high {
            let middle = (low + high) / 2
            if lineStarts[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The file location of a byte offset; the text may span lines.
    public func location(of offset: Int) -> TextLocation {
        let offset = min(max(offset, 0), bytes.count)
        let lines = linesBefore(offset)
        guard lines > 0 else { return TextLocation(file: start.file, line: start.line, column: start.column + offset) }
        return TextLocation(file: start.file, line: start.line + lines, column: offset - lineStarts[lines - 1] + 1)
    }

    /// The raw text between two byte offsets.
    public func slice(_ range: Range<Int>) -> String {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let upper = min(max(range.upperBound, lower), bytes.count)
        return String(decoding: bytes[lower..<upper], as: UTF8.self)
    }

    /// An error for the token at `range`: its location, the message, its line (a window of
    /// it if long) and a caret under the token, up to the end of that line.
    public func error(_ message: String, at range: Range<Int>, related: TextLocation? = nil) -> LocatedError {
        let lower = min(max(range.lowerBound, 0), bytes.count)
        let lines = linesBefore(lower)
        var lineStart = lines > 0 ? lineStarts[lines - 1] : 0
        var lineEnd = lines < lineStarts.count ? lineStarts[lines] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let tokenEnd = min(max(range.upperBound, lower + 1), max(lineEnd, lower))
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
        return LocatedError(location: location(of: lower), message: message, sourceLine: shown, caret: caret, related: related)
    }

    /// The error a ``LocalError`` describes.
    public func error(_ local: LocalError) -> LocatedError {
        error(local.message, at: local.range)
    }

    /// The start of the UTF-8 scalar that holds `offset`.
    private func scalarStart(_ offset: Int) -> Int {
        var offset = min(max(offset, 0), bytes.count)
        while offset > 0, offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset -= 1 }
        return offset
    }
}
