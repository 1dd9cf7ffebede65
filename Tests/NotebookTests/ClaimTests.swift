import Foundation
import Testing
@testable import Notebook

/// Issue 20: claims are checked against the experiments' numbers, and words follow the data.
@Suite struct ClaimTests {
    func build(_ temp: TempDirectory, _ page: String) async throws -> [Diagnostic] {
        try temp.write("chapters/index.md", page)
        return await NotebookTests.build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
    }

    func page(_ temp: TempDirectory) throws -> String {
        try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8)
    }

    /// `squares` with count 5: sum 30, ratio 25/26.
    @Test func aTrueClaimShowsItsMarkAndIsListedWithItsValues() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, "# Book\n\nThe sum is {{squares.sum}}{{check squares.sum > 29 and squares.sum < 31}}.\n")
        #expect(problems.isEmpty, "\(problems)")
        let html = try page(temp)
        #expect(html.contains("The sum is <span class=\"value\">30</span><sup class=\"check\"><a href=\"#check-index-1\" title=\"Checked: "))
        #expect(html.contains("<li id=\"check-index-1\"><code>squares.sum &gt; 29 and squares.sum &lt; 31</code> — "))
        #expect(html.contains("squares.sum = 30"))
    }

    @Test func aFalseClaimFailsAtItsPlaceWithTheValues() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, "# Book\n\nThe sum is small{{check squares.sum < 10}}.\n")
        #expect(problems.count == 1)
        let problem = try #require(problems.first)
        #expect(problem.line == 3 && problem.column != nil)
        #expect(problem.message.contains("squares.sum = 30") && problem.message.contains("is false"), "\(problem)")
        #expect(problem.detail?.contains("^") == true)
    }

    @Test func wordsFollowTheData() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, """
            # Book

            The ratio lies {{if squares.ratio > 0.5 then "*above* [one](#x)" else "below"}} half,
            {{if squares.sum > 100 then "large" else "small: $s = 30$"}}, count {{check squares.param.count == 5}}.
            """)
        #expect(problems.isEmpty, "\(problems)")
        let html = try page(temp)
        #expect(html.contains("The ratio lies <em>above</em> <a href=\"#x\">one</a> half,"))
        #expect(html.contains("small: <math>"))
        // The list at the foot shows the words as the sentence does: emphasis and math rendered, no raw TeX.
        // Drawn once for the page and print.html, the list's words keep no links (the sentence has them).
        #expect(html.contains("chose “<em>above</em> <span>one</span>”: <code>squares.ratio &gt; 0.5</code>"))
        #expect(html.contains("chose “small: <math"))
        #expect(!html.contains("$s = 30$"))
    }

    /// A value's name is checked against its own experiment, even where another experiment's
    /// value of the same name came first.
    @Test func sameNameInAnotherExperimentIsCheckedAgain() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, "# Book\n\n{{squares.ratio}} and {{failing.ratio}}.\n")
        #expect(problems.map(\.message).count == 1)
        #expect(problems.first?.message.hasPrefix("experiment 'failing' has no value 'ratio'") == true, "\(problems)")
    }

    @Test func unknownNamesFailBeforeAnythingRuns() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, "# Book\n\nA {{check squares.summ > 1}} and {{check squars.sum > 1}} and {{check squares.param.cnt > 1}}.\n")
        #expect(problems.map(\.message) == [
            "experiment 'squares' has no value 'summ' (did you mean 'sum'?)",
            "unknown experiment 'squars' (did you mean 'squares'?)",
            "experiment 'squares' has no parameter 'cnt'",
        ], "\(problems.map(\.message))")
        #expect(problems.allSatisfy { $0.line == 3 })
    }
}
