import Testing
import TeXMath
import SourceErrors

/// Every error names the chapter file, line and UTF-8 byte column, and underlines the token.
@Suite struct ErrorTests {
    @Test func unknownCommandIsLocatedAndUnderlined() throws {
        let error = try #require(parseError("a + \\foo{b}", at: .chapter(line: 12, column: 7)))
        #expect(error.location == TextLocation(file: "chapters/03-test.md", line: 12, column: 11))
        #expect(error.message == "unknown command '\\foo'")
        #expect(error.sourceLine == "a + \\foo{b}")
        #expect(error.caret == "    ^~~~")
        #expect(error.description == """
            chapters/03-test.md:12:11: error: unknown command '\\foo'
                a + \\foo{b}
                    ^~~~
            """)
    }

    @Test func columnsCountUTF8BytesAndLinesRestartAtColumnOne() throws {
        // "α" is two bytes; the error on the second line starts counting at column 1.
        let first = try #require(parseError("α \\bad", at: .chapter(line: 3, column: 2)))
        #expect(first.location.column == 2 + 3)
        #expect(first.caret == "  ^~~~")
        let second = try #require(parseError("x +\n  y^1^2", .display, at: .chapter(line: 3, column: 9)))
        #expect(second.location == TextLocation(file: "chapters/03-test.md", line: 4, column: 6))
        #expect(second.sourceLine == "  y^1^2")
    }

    @Test(arguments: [
        ("{a + b", "unbalanced '{'", 1),
        ("a + b}", "unbalanced '}'", 6),
        ("\\left( a", "\\left without a matching \\right", 1),
        ("a \\right)", "\\right without a matching \\left", 3),
        ("{a \\right)}", "\\right without a matching \\left", 4),
        ("{a & b}", "'&' outside an environment", 4),
        ("x^2^3", "double superscript", 4),
        ("x_1_2", "double subscript", 4),
        ("a & b", "'&' outside an environment", 3),
        ("a \\\\ b", "outside an environment", 3),
        ("\\begin{pmatrix} a", "without \\end{pmatrix}", 1),
        ("\\begin{foo} a \\end{foo}", "unknown environment 'foo'", 1),
        ("\\begin{pmatrix} a \\end{bmatrix}", "does not match", 19),
        ("\\frac{a}", "missing argument", 1),
        ("x^", "missing argument", 2),
        ("\\sqrt[3 x", "without a closing ']'", 6),
        ("\\label{eq:a}", "only allowed in display math", 1),
        ("a #", "unsupported character", 3),
        ("\\", "a lone '\\'", 1),
    ] as [(String, String, Int)])
    func malformedTeX(tex: String, message: String, offset: Int) throws {
        let error = try #require(parseError(tex, at: .chapter(line: 1, column: 1)))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.location.column == offset)
    }

    @Test func secondLabelIsAnError() throws {
        let error = try #require(parseError("a \\label{eq:a} = b \\label{eq:b}", .display))
        #expect(error.message.contains("second \\label"))
    }

    @Test func labelLocationIsInTheChapter() throws {
        let parsed = try TeXFormula("x\n  = y \\label{eq:x}", style: .display, at: .chapter(line: 40, column: 3))
        #expect(parsed.label?.location == TextLocation(file: "chapters/03-test.md", line: 41, column: 7))
    }
}
