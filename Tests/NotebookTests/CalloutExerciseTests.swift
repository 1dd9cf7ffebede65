import Foundation
import Testing
@testable import Notebook

/// Issue 21: callouts in GitHub's syntax and numbered exercises with folded solutions.
@Suite struct CalloutExerciseTests {
    func build(_ temp: TempDirectory, _ pages: [String: String]) async throws -> [String] {
        for (name, text) in pages { try temp.write("chapters/\(name)", text) }
        return await NotebookTests.build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
            .map(\.description)
    }

    func page(_ temp: TempDirectory, _ name: String) throws -> String {
        try String(contentsOfFile: temp.path + "/site/\(name)", encoding: .utf8)
    }

    @Test(arguments: Callout.allCases)
    func everyKindHasItsBoxAndDefaultTitle(_ kind: Callout) async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, ["index.md": "# Book\n\n> [!\(kind.marker)]\n> Body of the box.\n"])
        #expect(problems.isEmpty, "\(problems)")
        let html = try page(temp, "index.html")
        #expect(html.contains("<div class=\"callout callout-\(kind.rawValue)\" role=\"note\">"))
        #expect(html.contains("</svg> \(kind.defaultTitle)</p>\n<p>Body of the box.</p>"))
    }

    @Test func titlesTakeInlineMarkupAndPlainQuotesStayQuotes() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, ["index.md": """
            # Book

            > [!TIP] The *short* answer
            > First line of the body.

            > Just a quote, [!NOTE] in the middle.
            """])
        #expect(problems.isEmpty, "\(problems)")
        let html = try page(temp, "index.html")
        #expect(html.contains("</svg> The <em>short</em> answer</p>\n<p>First line of the body.</p>"))
        #expect(html.contains("<blockquote>\n<p>Just a quote, [!NOTE] in the middle.</p>\n</blockquote>"))
    }

    @Test func anUnknownKindIsAnErrorWithASuggestion() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, ["index.md": "# Book\n\n> [!DANGR]\n> Oops.\n\n> [!Warnin] Typo\n> Oops.\n"])
        let kinds = "callouts are [!NOTE], [!TIP], [!IMPORTANT], [!WARNING], [!CAUTION]"
        #expect(problems == [
            "\(temp.path)/chapters/index.md:3:5: error: unknown callout '[!DANGR]' (did you mean '[!CAUTION]'?); \(kinds)",
            "\(temp.path)/chapters/index.md:6:5: error: unknown callout '[!Warnin]' (did you mean '[!WARNING]'?); \(kinds)",
        ])
    }

    static let exercises = """
        # One

        See @ex:first and @ex:third.

        ```exercise
        label: ex:first
        What is $1 + 1$?
        ---
        It is 2.
        ```

        ```exercise
        No label, no solution.
        ```

        ```exercise
        label: ex:third
        Last one?
        ---
        Yes.
        ```
        """

    @Test func exercisesAreNumberedReferencedAndFoldedExceptInPrint() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, ["index.md": "# Book\n\nSee @ex:third.\n", "01-one.md": Self.exercises])
        #expect(problems.isEmpty, "\(problems)")
        let html = try page(temp, "one.html")
        #expect(html.contains("See <a href=\"#ex-first\">Exercise 1.1</a> and <a href=\"#ex-third\">Exercise 1.3</a>."))
        #expect(html.contains("<section class=\"exercise\" id=\"ex-first\">\n<p class=\"exercise-title\">Exercise 1.1</p>"))
        #expect(html.contains("<section class=\"exercise\">\n<p class=\"exercise-title\">Exercise 1.2</p>\n<p>No label, no solution.</p>\n</section>"))
        #expect(html.contains("<details class=\"solution\"><summary>Solution</summary>\n<p>It is 2.</p>\n</details>"))
        #expect(try page(temp, "index.html").contains("See <a href=\"one.html#ex-third\">Exercise 1.3</a>."))
        let print = try page(temp, "print.html")
        #expect(print.contains("<details class=\"solution\" open=\"\"><summary>Solution</summary>\n<p>It is 2.</p>"))
        #expect(!print.contains("<details class=\"solution\">"))
    }

    @Test func exerciseErrorsPointIntoTheBlock() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, ["index.md": "# Book\n\n```exercise\nlabel: first\nQ?\n```\n\n```exercise\n---\nA.\n```\n\n```exercise\nQ with $\\frac{1$.\n```\n"])
        let file = "\(temp.path)/chapters/index.md"
        #expect(problems.contains("\(file):4:1: error: exercise labels start with 'ex:', like 'ex:first'"))
        #expect(problems.contains("\(file):8:1: error: an exercise needs a question before its '---' line"))
        #expect(problems.contains { $0.hasPrefix("\(file):14:") }, "a TeX error in a question points at its line: \(problems)")
    }
}
