import Testing
@_spi(Fuzzing) @testable import CommonMark

@Suite struct MathProtectionTests {
    func parse(_ source: String) throws -> MarkdownNode {
        try MarkdownParser.parse(source, file: "ch.md")
    }

    func maths(_ node: MarkdownNode) -> [MathSpan] {
        node.filter { if case .math = $0.kind { true } else { false } }.compactMap {
            if case .math(let span) = $0.kind { span } else { nil }
        }
    }

    @Test func underscoresAndStarsInsideMathAreNotEmphasis() throws {
        let document = try parse("Take $a_1 * b_1$ and $c_1 * d_1$ here.\n")
        #expect(document.filter { $0.kind == .emphasis }.isEmpty)
        #expect(maths(document).map(\.tex) == ["a_1 * b_1", "c_1 * d_1"])
        #expect(maths(document)[0].texStart == SourceLocation(file: "ch.md", line: 1, column: 7))
        #expect(maths(document)[1].texStart == SourceLocation(file: "ch.md", line: 1, column: 23))
        #expect(maths(document).allSatisfy { !$0.display })
    }

    @Test func escapedDollarsAndPricesStayText() throws {
        let document = try parse("It costs \\$5, or $5 and $10 together.\n")
        #expect(maths(document).isEmpty)
        #expect(document.plainText == "It costs $5, or $5 and $10 together.")
    }

    @Test func codeSpansAndFencedCodeKeepDollars() throws {
        let document = try parse("Use `$x$` or ``a $b` c$``.\n\n```sh\necho $HOME $x$\n```\n\n~~~\n$$\n~~~\n")
        #expect(maths(document).isEmpty)
        #expect(document.filter { $0.kind == .code("$x$") }.count == 1)
        #expect(document.filter { $0.kind == .code("a $b` c$") }.count == 1)
        #expect(document.filter { $0.kind == .codeBlock(info: "sh", literal: "echo $HOME $x$\n") }.count == 1)
        #expect(document.filter { $0.kind == .codeBlock(info: "", literal: "$$\n") }.count == 1)
    }

    @Test func displayMathSplitsTheParagraphAndKeepsLines() throws {
        let source = "Before the sum\n$$\n\\sum_i x_i *\n  y_i\n$$\nafter *it*.\n\nLast on line 8.\n"
        let document = try parse(source)
        let kinds = document.children.map(\.kind)
        #expect(kinds.count == 4)
        #expect(kinds[0] == .paragraph)
        guard case .math(let span) = kinds[1] else {
            Issue.record("expected display math, got \(kinds)")
            return
        }
        #expect(span.display)
        #expect(span.tex == "\n\\sum_i x_i *\n  y_i\n")
        #expect(span.texStart == SourceLocation(file: "ch.md", line: 2, column: 3))
        #expect(document.children[2].plainText == "after it.")
        #expect(document.children[3].range?.start.line == 8)
    }

    @Test func columnsAfterMathPointIntoTheFile() throws {
        // The heading after a one-line display keeps its own line; an inline node
        // after inline math maps back to its column in the file.
        let document = try parse("$$x$$\n\n# H\n\nab $x^2_{long}$ `code` z\n")
        #expect(document.children.last?.range?.start.line == 5)
        // cmark's own column for the same code span with no math before it.
        let plain = try parse("ab 0123456789ab `code` z\n")
        let expected = try #require(plain.filter { $0.kind == .code("code") }.first?.range?.start.column)
        let code = try #require(document.filter { $0.kind == .code("code") }.first)
        #expect(code.range?.start.column == expected)
        #expect(code.range?.start.line == 5)
    }

    @Test func unterminatedDisplayMathIsAnErrorAtItsOpening() throws {
        #expect(throws: ParseError(location: SourceLocation(file: "ch.md", line: 3, column: 5),
                                   message: "unterminated display math: '$$' has no closing '$$'")) {
            try parse("# T\n\nSee $$x + y\n\nnext paragraph\n")
        }
    }

    @Test func mathInHeadingsListsAndLinks() throws {
        let document = try parse("## Loss $\\ell$\n\n- item $p_i$\n- [link $q$](a.html)\n")
        #expect(maths(document).map(\.tex) == ["\\ell", "p_i", "q"])
        #expect(document.children[0].plainText == "Loss \\ell")
    }

    @Test func unmatchedDollarIsLiteral() throws {
        let document = try parse("A lone $ sign and $ x$ stay.\n")
        #expect(maths(document).isEmpty)
        #expect(document.plainText == "A lone $ sign and $ x$ stay.")
    }

    /// Found by fuzzing (issue 13): each span on a line scanned the line back to its
    /// start and every position lookup walked all spans before it, so a line of 20,000
    /// `$` (10,000 empty display spans) took minutes. Columns must still be exact.
    @Test func thousandsOfSpansOnOneLineKeepExactColumns() throws {
        let line = String(repeating: "$x$ ", count: 5_000)
        let document = try parse(line + "\n")
        let spans = maths(document)
        #expect(spans.count == 5_000)
        #expect(spans.last?.texStart == SourceLocation(file: "ch.md", line: 1, column: 4 * 4_999 + 2))
        _ = try parse(String(repeating: "$", count: 20_000) + "\n")
    }

    /// Issue 18, item 13: private-use characters typed next to math were read as placeholders,
    /// restoring a formula twice, and a long run of them overflowed the span index.
    @Test func privateUseCharactersInProseStayTextAndNeverRestoreMath() throws {
        let digits = String(repeating: "\u{E011}", count: 40)
        for prose in ["\u{E000}\u{E010}\u{E001}", "\u{E000}\(digits)\u{E001}", "\u{E002}\u{E000}\u{E001}\u{E0FF}"] {
            let source = "Before \(prose) $x^2$ after \(prose) and \u{E000}.\n"
            let document = try parse(source)
            #expect(maths(document).map(\.tex) == ["x^2"], "\(prose.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(document.plainText == "Before \(prose) x^2 after \(prose) and \u{E000}.")
            #expect(MathProtectionProbe.violations(in: source).isEmpty)
        }
    }

    /// The placeholder mark is a private-use character the chapter does not use, so a chapter
    /// holding the whole BMP private-use area still gets one (from plane 15).
    @Test func placeholdersAvoidEveryCharacterOfTheChapter() throws {
        let area = String(String.UnicodeScalarView((0xE000...0xF8FF).compactMap(Unicode.Scalar.init)))
        let source = area + "\n\n$a$ and $$b$$ and\n$c\nd$ end\n"
        let placeholders = try #require(MathPlaceholders(avoiding: source))
        #expect(placeholders.mark == "\u{F0000}")
        let document = try parse(source)
        #expect(maths(document).map(\.tex) == ["a", "b", "c\nd"])
        #expect(document.children[0].plainText == area)
        #expect(MathProtectionProbe.violations(in: source).isEmpty)
        #expect(MathPlaceholders(avoiding: "$x$")?.mark == "\u{E000}")
    }

    /// Code review of issue 18: cmark decodes character references, so `&#xE000;` put the mark
    /// (absent from the raw source) into the parsed tree: the formula was restored twice and a
    /// link's destination became `$a+b$`. No reference, numeric or named, in text, link
    /// destinations, titles or info strings can produce the mark.
    @Test func characterReferencesNeverProduceAPlaceholder() throws {
        for reference in ["&#xE000;", "&#XE000;", "&#57344;", "&#0057344;", "&#xe000;"] {
            let ph = reference + "0" + reference
            let source = "Math $a+b$ and then \(ph) here [link](\(ph) \"\(ph)\").\n\n```\(ph)\nq\n```\n"
            let document = try parse(source)
            #expect(maths(document).map(\.tex) == ["a+b"], "\(reference)")
            #expect(document.filter { $0.kind == .link(destination: "\u{E000}0\u{E000}", title: "\u{E000}0\u{E000}") }.count == 1, "\(reference)")
            #expect(document.filter { $0.kind == .codeBlock(info: "\u{E000}0\u{E000}", literal: "q\n") }.count == 1, "\(reference)")
            #expect(document.children[0].plainText == "Math a+b and then \u{E000}0\u{E000} here link.", "\(reference)")
            #expect(MathProtectionProbe.violations(in: source).isEmpty, "\(reference)")
        }
        // Every private-use character a reference in the source could produce is avoided.
        #expect(MathPlaceholders(avoiding: "&#xE000; &#57345; &#xe002 $x$")?.mark == "\u{E003}")
        #expect(MathPlaceholders(avoiding: "&#x0000000000000000E000; &#99999999999999999999999; $x$")?.mark == "\u{E001}")
    }

    /// Should a placeholder ever reach the tree other than once as ours (a regression in the
    /// choice of mark), the parse fails with a clear error rather than repeating a formula.
    @Test func aPlaceholderReadTwiceIsAnError() throws {
        let placeholders = MathPlaceholders(mark: "\u{E000}")
        let span = MathSpan(tex: "x", display: false, texStart: SourceLocation(file: "ch.md", line: 1, column: 2))
        let twice = MarkdownNode(.document, children: [
            MarkdownNode(.paragraph, children: [MarkdownNode(.text("a \u{E000}0\u{E000} b \u{E000}0\u{E000}"), range: nil)], range: nil),
        ], range: nil)
        #expect(throws: ParseError.self) {
            try MathRestorer(spans: [span], placeholders: placeholders, file: "ch.md").restore(twice)
        }
        let stray = MarkdownNode(.document, children: [
            MarkdownNode(.link(destination: "\u{E000}7", title: ""), children: [], range: nil),
        ], range: nil)
        #expect(throws: ParseError.self) {
            try MathRestorer(spans: [span], placeholders: placeholders, file: "ch.md").restore(stray)
        }
    }

    /// Where `$` cannot be math (a link's destination and title, raw HTML), it stays as written.
    @Test func dollarsInLinkDestinationsTitlesAndRawHTMLStayAsWritten() throws {
        let source = "See [the $n$ cases](cost$a$.html \"a $b$ title\") and <span title=\"$c$\">$d$</span>.\n"
        let document = try parse(source)
        #expect(document.filter { $0.kind == .link(destination: "cost$a$.html", title: "a $b$ title") }.count == 1)
        #expect(document.filter { $0.kind == .htmlInline("<span title=\"$c$\">") }.count == 1)
        #expect(maths(document).map(\.tex) == ["n", "d"])
        #expect(MathProtectionProbe.violations(in: source).isEmpty)
    }

    @Test func protectionUndoneGivesTheSourceBack() {
        for source in [
            "", "$", "$$x$$", "a $x$ b\n", "$$\na\n\nb", "x $a\nb$ y $$c\nd\ne$$$f$\n",
            "\u{E000}1\u{E000} $x$ \u{E000}\u{E000}\n", "`$x$` $y$ \\$z$ $5 and $10\n\n```\n$q$\n```\n",
        ] {
            #expect(MathProtectionProbe.violations(in: source).isEmpty, "\(source.debugDescription)")
        }
    }

    /// Issue 18, item 20a: `\r` alone and `\r\n` each end one line, as cmark counts them.
    @Test func everyKindOfLineBreakCountsOnce() throws {
        for newline in ["\n", "\r\n", "\r"] {
            let source = ["# T", "", "text", "and $x + y$ here", "", "$$", "a", "$$", ""].joined(separator: newline)
            let spans = maths(try parse(source))
            #expect(spans.map(\.texStart) == [
                SourceLocation(file: "ch.md", line: 4, column: 6), SourceLocation(file: "ch.md", line: 6, column: 3),
            ], "\(newline.debugDescription)")
            #expect(spans.map(\.tex) == ["x + y", "\na\n"])
        }
        #expect(LineEndings.normalized("a\r\r\nb\rc\n\r") == "a\n\nb\nc\n\n")
    }

    /// Issue 18, item 17: a paragraph of 20,000 `$` that never close scanned to the paragraph's
    /// end from each of them (minutes). The search for closers looks at each byte a bounded
    /// number of times, whatever the text: counted, not timed.
    @Test func searchingForClosersIsLinear() throws {
        let lengths = (1...150).map { String(repeating: "`", count: $0) }.joined(separator: " x ")
        for paragraph in [
            String(repeating: "$a ", count: 20_000),
            String(repeating: "$a \\\\", count: 10_000) + String(repeating: "\\", count: 20_000) + "$",
            String(repeating: "$ab\n", count: 20_000),
            String(repeating: "$a $5 ", count: 10_000),
            lengths + " " + lengths,
            String(repeating: "`` $a ", count: 10_000),
        ] {
            let source = "# T\n\n" + paragraph + "\n\nLast $x$ here.\n"
            let protected = try MathProtector(source: source, file: "ch.md", literalLines: []).protect()
            #expect(protected.scanSteps <= 4 * source.utf8.count, "\(protected.scanSteps) steps for \(source.utf8.count) bytes")
            #expect(protected.spans.last?.tex == "x")
        }
        let document = try parse("# T\n\n" + String(repeating: "$a ", count: 20_000) + "\n")
        #expect(maths(document).isEmpty)
    }

    /// The linear search answers exactly as a fresh scan from each opener did (the code before
    /// issue 18, kept here as the reference), on random text of the characters that matter.
    @Test func linearSearchFindsWhatAFreshScanFinds() {
        let alphabet: [UInt8] = Array("$$$\\` ``a5\n".utf8)
        var state = Seeded(state: 18)
        for _ in 0..<3_000 {
            let bytes: [UInt8] = (0..<Int.random(in: 1...40, using: &state)).map { _ in alphabet.randomElement(using: &state)! }
            let text = MathProtector(source: String(decoding: bytes, as: UTF8.self), file: "ch.md", literalLines: [4])
            let reference = FreshScan(bytes: bytes, literalLines: [4], text: text)
            var search = ClosingSearch(text)
            var index = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "$") {
                    #expect(search.inline(after: index + 1) == reference.inline(after: index + 1), "\(String(decoding: bytes, as: UTF8.self).debugDescription) at \(index)")
                    index += 1
                } else if bytes[index] == UInt8(ascii: "`") {
                    let run = text.runLength(of: bytes[index], at: index)
                    #expect(search.backticks(length: run, after: index + run) == reference.backticks(length: run, after: index + run),
                            "\(String(decoding: bytes, as: UTF8.self).debugDescription) at \(index)")
                    index += run
                } else {
                    index += 1
                }
            }
        }
    }
}

/// The closer search as it was: a fresh scan from every opener (quadratic, but plainly right).
private struct FreshScan {
    let bytes: [UInt8]
    let literalLines: Set<Int>
    let text: MathProtector

    func inline(after start: Int) -> Int? {
        guard start < bytes.count, !text.isSpace(bytes[start]), bytes[start] != UInt8(ascii: "$") else { return nil }
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { index += 2; continue }
            if byte == 0x0A && (text.isBlankLineStart(index + 1) || literalLines.contains(text.lineNumber(of: index + 1))) {
                return nil
            }
            if byte == UInt8(ascii: "$") {
                let followedByDigit = index + 1 < bytes.count && text.isDigit(bytes[index + 1])
                if !text.isSpace(bytes[index - 1]) && !followedByDigit { return index }
            }
            index += 1
        }
        return nil
    }

    func backticks(length: Int, after start: Int) -> Int? {
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A && text.isBlankLineStart(index + 1) { return nil }
            if byte == UInt8(ascii: "`") {
                let run = text.runLength(of: byte, at: index)
                if run == length { return index }
                index += run
                continue
            }
            index += 1
        }
        return nil
    }
}

/// SplitMix64, so the random texts are the same on every run.
private struct Seeded: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
