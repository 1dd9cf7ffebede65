/// Cuts `$…$` and `$$…$$` out of a chapter before cmark parses it, so that `_`,
/// `*` and `\\` inside TeX never become Markdown, and records where each span was.
/// `{{…}}` on one line is kept from Markdown the same way: a claim's `*`, `<` and
/// quoted words reach docgen as written.
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
        /// Bytes looked at while searching for closing delimiters: at most a small multiple
        /// of the text's length (tests check that the search stays linear).
        var scanSteps: Int
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
        var closers = ClosingSearch(self)
        var index = 0
        // The next `}}` at or after `closingBraces.from`, searched once per stretch of text
        // (nil: none before the end of the text), so lines full of `{{` stay linear.
        var closingBraces: (from: Int, at: Int?) = (Int.max, nil)
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
                if let close = closers.backticks(length: run, after: index + run) {
                    output.append(contentsOf: bytes[index..<close + run])
                    index = close + run
                } else {
                    output.append(contentsOf: bytes[index..<index + run])
                    index += run
                }
            case UInt8(ascii: "{") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "{"):
                // The search before still holds if it started no later and its `}}` (or the
                // lack of one) lies ahead; otherwise search on from here.
                if !(closingBraces.from <= index + 2 && (closingBraces.at.map { $0 >= index + 2 } ?? true)) {
                    closingBraces = (index + 2, nil)
                    var cursor = index + 2
                    while cursor + 1 < bytes.count {
                        if bytes[cursor] == UInt8(ascii: "}") && bytes[cursor + 1] == UInt8(ascii: "}") {
                            closingBraces.at = cursor
                            break
                        }
                        cursor += 1
                    }
                    closers.steps += cursor - index
                }
                guard let close = closingBraces.at, lineNumber(of: close) == line else {
                    // Left as it is: the value scanner reports a `{{` with no `}}`.
                    output.append(contentsOf: bytes[index...index + 1])
                    index += 2
                    continue
                }
                spans.append(MathSpan(
                    tex: String(decoding: bytes[index..<close + 2], as: UTF8.self), display: false,
                    texStart: location(of: index), literal: true))
                replace(
                    from: index, to: close + 2, spanIndex: spans.count - 1, placeholders: placeholders,
                    output: &output, column: &column, map: &map)
                index = close + 2
            case UInt8(ascii: "$"):
                let display = index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "$")
                let delimiter = display ? 2 : 1
                guard let close = display ? closers.display(after: index + 2) : closers.inline(after: index + 1) else {
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
        return Result(
            text: String(decoding: output, as: UTF8.self), spans: spans, map: map, placeholders: placeholders,
            scanSteps: closers.steps)
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

    func runLength(of byte: UInt8, at start: Int) -> Int {
        var end = start
        while end < bytes.count && bytes[end] == byte { end += 1 }
        return end - start
    }

    func isBlankLineStart(_ index: Int) -> Bool {
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

    func lineNumber(of offset: Int) -> Int {
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

    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
    private func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        (0x21...0x2F).contains(byte) || (0x3A...0x40).contains(byte) || (0x5B...0x60).contains(byte)
            || (0x7B...0x7E).contains(byte)
    }
}

/// Finds the closing delimiter for each opener the protector meets, left to right, in time
/// linear in the text overall.
///
/// Searching afresh from every opener was quadratic: a paragraph of 20,000 `$` that never
/// close (`$a $a $a …`) scanned to the paragraph's end from each one, for minutes. Openers
/// come in increasing order, so the search for inline math keeps the first event (a closer,
/// or the end of the paragraph) found at or after the last opener and only scans on from
/// there; a code span remembers, once a search for a closing backtick run has failed, which
/// run lengths occur up to the paragraph's end. The rules of what opens and closes are
/// unchanged; only the work is.
struct ClosingSearch {
    let text: MathProtector
    private let bytes: [UInt8]
    /// Bytes looked at, for `MathProtector.Result.scanSteps`.
    var steps = 0

    /// Inline math: the scan has looked at every byte before `eventCursor`, and `event` is
    /// the first closer or paragraph end it found (nil: none found yet).
    private var eventCursor = 0
    private var event: (position: Int, closes: Bool)?

    /// Code spans: after a failed search, the last start of each backtick run length among
    /// the runs that start in `covered` (up to the end of that paragraph).
    private var backtickRuns: (covered: Range<Int>, lastStart: [Int: Int])?

    init(_ text: MathProtector) {
        self.text = text
        self.bytes = text.bytes
    }

    /// `$` closes inline math opened just before `start` (Pandoc's rule): a non-space precedes
    /// it, no digit follows it, and no backslash escapes it; a blank line or a code or HTML
    /// block ends the search. Nil when the `$` at `start - 1` opens nothing.
    mutating func inline(after start: Int) -> Int? {
        guard start < bytes.count, !text.isSpace(bytes[start]), bytes[start] != UInt8(ascii: "$") else { return nil }
        if let event, event.position >= start { return event.closes ? event.position : nil }
        event = nil
        var index = max(eventCursor, start)
        while index < bytes.count {
            steps += 1
            let byte = bytes[index]
            if byte == UInt8(ascii: "$") || byte == 0x0A, !isEscaped(index, after: start) {
                if byte == 0x0A && (text.isBlankLineStart(index + 1) || text.literalLines.contains(text.lineNumber(of: index + 1))) {
                    event = (index, false)
                    break
                }
                if byte == UInt8(ascii: "$") && !text.isSpace(bytes[index - 1])
                    && !(index + 1 < bytes.count && text.isDigit(bytes[index + 1]))
                {
                    event = (index, true)
                    break
                }
            }
            index += 1
        }
        eventCursor = index
        guard let event else { return nil }
        return event.closes ? event.position : nil
    }

    /// Whether a backslash escapes the byte at `index` for a search that started at `start`:
    /// an odd run of backslashes right before it. (The search skips the byte after each
    /// backslash; the byte before `start` is the opening `$`, so every run before `index`
    /// begins at or after `start` and the answer does not depend on where the search began.)
    private mutating func isEscaped(_ index: Int, after start: Int) -> Bool {
        var run = 0
        while index - run - 1 >= start, bytes[index - run - 1] == UInt8(ascii: "\\") {
            run += 1
            steps += 1
        }
        return run % 2 == 1
    }

    /// `$$` closes display math; it may span lines but not a blank line or a code block.
    /// Linear as it stands: a search either finds its closer, and the protector goes on after
    /// it, or fails, and protection stops with an error.
    mutating func display(after start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            steps += 1
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == 0x0A && (text.isBlankLineStart(index + 1) || text.literalLines.contains(text.lineNumber(of: index + 1))) {
                return nil
            }
            if byte == UInt8(ascii: "$") && bytes[index + 1] == UInt8(ascii: "$") { return index }
            index += 1
        }
        return nil
    }

    /// A code span closes with a backtick run of the same length, within the paragraph.
    /// `start` is just after the opening run.
    mutating func backticks(length: Int, after start: Int) -> Int? {
        if let known = backtickRuns, known.covered.contains(start), known.lastStart[length].map({ $0 < start }) ?? true {
            return nil
        }
        var lastStart: [Int: Int] = [:]
        var index = start
        while index < bytes.count {
            steps += 1
            let byte = bytes[index]
            if byte == 0x0A && text.isBlankLineStart(index + 1) { break }
            if byte == UInt8(ascii: "`") {
                let run = text.runLength(of: byte, at: index)
                steps += run
                if run == length { return index }
                lastStart[run] = index
                index += run
                continue
            }
            index += 1
        }
        backtickRuns = (start..<index, lastStart)
        return nil
    }
}

