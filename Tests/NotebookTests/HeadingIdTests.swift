import Foundation
import Testing
@testable import Notebook

/// Ids on a page (issue 18): headings and labels never share one.
@Suite struct HeadingIdTests {
    /// `## fig-acc` and a figure labelled `fig:acc` on one page: the heading gets
    /// another id, so `@fig:acc` lands on the figure, on its page and in print.html.
    @Test func headingsNeverTakeTheIdOfALabel() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-one.md", """
            # One

            ## fig-acc

            See @fig:acc and @eq:acc.

            ```figure
            experiment: squares
            plot: curve
            label: fig:acc
            caption: Squares.
            ```

            ## eq-acc

            $$ a = b \\label{eq:acc} $$

            ## fig acc

            """)
        let options = BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/site",
                                   packageRoot: temp.path, registry: FixtureExperiments.registry, useCache: false)
        let diagnostics = await build(options)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let page = try String(contentsOfFile: temp.path + "/site/one.html", encoding: .utf8)
        for id in ["fig-acc", "eq-acc", "fig-acc-2", "eq-acc-2", "fig-acc-3"] {
            #expect(page.components(separatedBy: "id=\"\(id)\"").count == 2, "one element has id \(id)")
        }
        #expect(page.contains("<h2 id=\"fig-acc-2\">fig-acc"))
        #expect(page.contains("href=\"#fig-acc\""))
        let print = try String(contentsOfFile: temp.path + "/site/print.html", encoding: .utf8)
        #expect(print.components(separatedBy: "id=\"fig-acc\"").count == 2)
        #expect(print.contains("id=\"one--fig-acc\""))
    }
}
