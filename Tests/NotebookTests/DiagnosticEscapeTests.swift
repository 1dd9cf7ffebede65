import Foundation
import Testing
@testable import Notebook

/// What a diagnostic sends to the terminal (issue 18).
@Suite struct DiagnosticEscapeTests {
    /// An escape sequence in a file name or in TeX reaches the terminal as text.
    @Test func diagnosticsShowControlCharactersAsEscapes() throws {
        let diagnostic = Diagnostic(path: "chapters/01-\u{1B}[2J.md", line: 3, column: 4, message: "unknown command '\\\u{7}'",
                                    detail: "    a\u{1B}]0;title\u{7}\n    ^")
        #expect(diagnostic.description == "chapters/01-\\x1b[2J.md:3:4: error: unknown command '\\\\x07'\n    a\\x1b]0;title\\x07\n    ^")
        #expect("tab\there, C1 \u{9B}, bidi \u{202E}, line\nbreak".escapingControlCharacters()
            == "tab\there, C1 \\x9b, bidi \\u{202E}, line\\nbreak")
        #expect("\\x1b".escapingControlCharacters() == "\\x1b")

        // Through the command: nothing below 0x20 but newlines reaches stderr.
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/notes\u{1B}[31m.md", "# Notes\n")
        let result = try CommandLineTests().run(["build", "--no-cache"], in: temp.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/notes\\x1b[31m.md:1:1: error: chapter file names start with their number"), "\(result.stderr)")
        #expect(!result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }
}

/// Issue 19: a failed build always names at least one problem.
@Suite struct DiagnosticsTests {
    @Test func noProblemsIsNoFailure() throws {
        #expect(Diagnostics([]) == nil)
        try Diagnostics.check([])
        let one = Diagnostic(path: "a.md", line: 1, column: 2, message: "bad")
        #expect(throws: Diagnostics.self) { try Diagnostics.check([one]) }
        #expect(Diagnostics([one, one])?.diagnostics.count == 2)
    }
}
