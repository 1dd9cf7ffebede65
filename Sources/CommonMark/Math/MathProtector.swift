/// Cuts `$…$` and `$$…$$` out of a chapter before cmark parses it, so that `_`,
/// `*` and `\\` inside TeX never become Markdown, and records where each span was.
///
/// Each span becomes a placeholder (`MathPlaceholders`: built on a private-use character
/// the chapter does not contain), which cmark treats as ordinary text. A span over several
/// lines leaves a continuation mark on each further line, so line numbers never move;
/// `PositionMap` undoes the column shifts.
struct MathProtector {
    struct Result {
        var text: String
        var spans: [MathSpan]
        var map: PositionMap
        var placeholders: MathPlaceholders
    }

    let bytes: [UInt8]
    let file: String
    /// Nil when the chapter holds every private-use character; `protect` then fails.
    let placeholders: MathPlaceholders?
    /// Lines (1-based) of code and HTML blocks, where `$` is plain text.
    let literalLines: Set<Int>

    /// Line starts (byte offsets), one per line, plus the end of the text.
    private let lineStarts: [Int]

    init(source: String, file: String, literalLines: Set<Int>) {
        self.bytes = Array(source.utf8)
        self.file = file
        self.placeholders = MathPlaceholders(avoiding: source)
        self.literalLines = literalLines
        var starts = [0]
        for (offset, byte) in bytes.enumerated() where byte == 0x0A { starts.append(offset + 1) }
        self.lineStarts = starts
    }

    func protect() throws(ParseError) -> Result {
        guard let placeholders else {
            throw ParseError(location: location(of: 0), message:
                "the chapter uses every private-use character (U+E000…U+F8FF and planes 15 and 16), so math cannot be protected from Markdown; remove some")
        }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var spans: [MathSpan] = []
        var map = PositionMap()
        var column = OutputColumn()
        var index = 0
        // The line of `index`, looked up (binary search, then the literal set) only
        // when `index` leaves it, not for every byte.
        var line = 0
        var lineBytes = 0..<0
        var isLiteral = false
        while index < bytes.count {
            if !lineBytes.contains(index) {
                line = lineNumber(of: index)
                lineBytes = lineStarts[line - 1]..<(line < lineStarts.count ? lineStarts[line] : Int.max)
                isLiteral = literalLines.contains(line)
            }
            if isLiteral {
                let end = min(lineEnd(line) + 1, bytes.count)
                output.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\\") where index + 1 < bytes.count && isASCIIPunctuation(bytes[index + 1]):
                // cmark turns `\$` into `$` and keeps `\`` from opening a code span.
                output.append(contentsOf: bytes[index...index + 1])
                index += 2
            case UInt8(ascii: "`"):
                let run = runLength(of: byte, at: index)
                if let close = closingBackticks(length: run, after: index + run) {
                    output.append(contentsOf: bytes[index..<close + run])
                    index = close + run
                } else {
                    output.append(contentsOf: bytes[index..<index + run])
                    index += run
                }
            case UInt8(ascii: "$"):
                let display = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "$")
                let delimiter = display ? 2 : 1
                guard let close = display ? closingDisplay(after: index + 2) : closingInline(after: index + 1) else {
                    if display {
                        throw ParseError(location: location(of: index), message: "unterminated display math: '$$' has no closing '$$'")
                    }
                    output.append(byte)
                    index += 1
                    continue
                }
                let texBytes = bytes[index + delimiter..<close]
                spans.append(MathSpan(
                    tex: String(decoding: texBytes, as: UTF8.self), display: display,
                    texStart: location(of: index + delimiter)))
                replace(
                    from: index, to: close + delimiter, spanIndex: spans.count - 1, placeholders: placeholders,
                    output: &output, column: &column, map: &map)
                index = close + delimiter
            default:
                output.append(byte)
                index += 1
            }
        }
        return Result(text: String(decoding: output, as: UTF8.self), spans: spans, map: map, placeholders: placeholders)
    }

    // MARK: Placeholders

    /// Writes the placeholder for bytes `start..<end` (which may cover several lines)
    /// and records how columns moved on each line.
    private func replace(
        from start: Int, to end: Int, spanIndex: Int, placeholders: MathPlaceholders,
        output: inout [UInt8], column: inout OutputColumn, map: inout PositionMap
    ) {
        let firstLine = lineNumber(of: start)
        let lastLine = lineNumber(of: end - 1)
        var protectedColumn = column.next(in: output)
        for line in firstLine...lastLine {
            let originalStart = line == firstLine ? start : lineStarts[line - 1]
            let originalEnd = line == lastLine ? end : lineEnd(line)
            let mark = line == firstLine ? placeholders.placeholder(for: spanIndex) : placeholders.continuation
            if line != firstLine {
                output.append(0x0A)
                protectedColumn = 1
            }
            output.append(contentsOf: mark.utf8)
            map.add(line: line, PositionMap.Piece(
                protectedStart: protectedColumn, protectedEnd: protectedColumn + mark.utf8.count,
                originalStart: originalStart - lineStarts[line - 1] + 1,
                originalEnd: originalEnd - lineStarts[line - 1] + 1))
        }
    }

    /// The 1-based column at which the next byte appended to the output lands. Output
    /// only grows, so each byte is looked at once: a long line with thousands of spans
    /// stays linear (it was scanned back to its start for every span).
    struct OutputColumn {
        private var scanned = 0
        private var lastNewline = -1

        mutating func next(in output: [UInt8]) -> Int {
            while scanned < output.count {
                if output[scanned] == 0x0A { lastNewline = scanned }
                scanned += 1
            }
            return output.count - lastNewline
        }
    }

    // MARK: Scanning

    /// `$$` closes display math; it may span lines but not a blank line or a code block.
    private func closingDisplay(after start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == 0x0A && (isBlankLineStart(index + 1) || literalLines.contains(lineNumber(of: index + 1))) {
                return nil
            }
            if byte == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "$") { return index }
            index += 1
        }
        return nil
    }

    /// Pandoc's rule: `$` opens when a non-space follows, closes when a non-space
    /// precedes and no digit follows — so "$5 and $10" stays prose.
    private func closingInline(after start: Int) -> Int? {
        guard start < bytes.count, !isSpace(bytes[start]), bytes[start] != UInt8(ascii: "$") else { return nil }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == 0x0A && (isBlankLineStart(index + 1) || literalLines.contains(lineNumber(of: index + 1))) {
                return nil
            }
            if byte == UInt8(ascii: "$") {
                let followedByDigit = index + 1 < bytes.count && isDigit(bytes[index + 1])
                if !isSpace(bytes[index - 1]) && !followedByDigit { return index }
            }
            index += 1
        }
        return nil
    }

    /// A code span closes with a backtick run of the same length, within the paragraph.
    private func closingBackticks(length: Int, after start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A && isBlankLineStart(index + 1) { return nil }
            if byte == UInt8(ascii: "`") {
                let run = runLength(of: byte, at: index)
                if run == length { return index }
                index += run
                continue
            }
            index += 1
        }
        return nil
    }

    private func runLength(of byte: UInt8, at start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] == byte { end += 1 }
        return end - start
    }

    private func isBlankLineStart(_ index: Int) -> Bool {
        var cursor = index
        while cursor < bytes.count {
            switch bytes[cursor] {
            case 0x20, 0x09, 0x0D: cursor += 1
            case 0x0A: return true
            default: return false
            }
        }
        return true
    }

    // MARK: Positions

    private func lineNumber(of offset: Int) -> Int {
        // Binary search: the last line start at or before `offset`.
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The offset of the newline ending `line`, or the end of the text.
    private func lineEnd(_ line: Int) -> Int {
        line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
    }

    private func location(of offset: Int) -> SourceLocation {
        let line = lineNumber(of: offset)
        return SourceLocation(file: file, line: line, column: offset - lineStarts[line - 1] + 1)
    }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }
}
