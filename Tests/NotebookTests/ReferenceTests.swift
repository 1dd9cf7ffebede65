import Foundation
import Testing
@testable import Notebook

/// References decided by the renderer (issue 19): a caption links like prose does,
/// on chapter pages and in `print.html`, and the figure's SVG title shows numbers.
@Suite struct ReferenceTests {
    /// Chapter 1 has a figure and an equation; chapter 2's table caption, figure caption
    /// and prose refer to both.
    static func writeBook(_ temp: TempDirectory) throws {
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-one.md", """
            # One

            $$\\ell = x^2 \\label{eq:square}$$

            ```figure
            experiment: squares
            plot: curve
            label: fig:curve
            caption: The squares.
            ```
            """)
        try temp.write("chapters/02-two.md", """
            # Two

            Prose cites @fig:curve and @eq:square.

            ```table
            experiment: squares
            table: rows
            label: tab:rows
            caption: Rows of @fig:curve, by @eq:square.
            ```

            ```figure
            experiment: squares
            plot: curve
            label: fig:again
            caption: Again @fig:curve, see @tab:rows.
            ```
            """)
    }

    @Test func captionReferencesLinkLikeProseOnPagesAndInPrint() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try Self.writeBook(temp)
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")

        let page = try String(contentsOfFile: temp.path + "/site/two.html", encoding: .utf8)
        #expect(page.contains("Prose cites <a href=\"one.html#fig-curve\">Figure 1.1</a> and <a href=\"one.html#eq-square\">(1.1)</a>."))
        #expect(page.contains("Rows of <a href=\"one.html#fig-curve\">Figure 1.1</a>, by <a href=\"one.html#eq-square\">(1.1)</a>."))
        #expect(page.contains("Again <a href=\"one.html#fig-curve\">Figure 1.1</a>, see <a href=\"#tab-rows\">Table 2.1</a>."))

        // On the single page every internal link stays on the single page, captions included.
        let print = try String(contentsOfFile: temp.path + "/site/print.html", encoding: .utf8)
        #expect(print.contains("Prose cites <a href=\"#fig-curve\">Figure 1.1</a> and <a href=\"#eq-square\">(1.1)</a>."))
        #expect(print.contains("Rows of <a href=\"#fig-curve\">Figure 1.1</a>, by <a href=\"#eq-square\">(1.1)</a>."))
        #expect(print.contains("Again <a href=\"#fig-curve\">Figure 1.1</a>, see <a href=\"#tab-rows\">Table 2.1</a>."))
        #expect(!print.contains("one.html#") && !print.contains("two.html#"))
    }

    @Test func svgTitlesShowResolvedCaptions() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try Self.writeBook(temp)
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let page = try String(contentsOfFile: temp.path + "/site/two.html", encoding: .utf8)
        #expect(page.contains("-title\">Again Figure 1.1, see Table 2.1.</title>"))
        #expect(!page.contains("@fig:") && !page.contains("@tab:"))
    }

    @Test func unknownLabelInACaptionIsAnErrorAtItsLine() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n\n```figure\nexperiment: squares\nplot: curve\ncaption: See @fig:curv.\n```\n")
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.map(\.description) == [
            "\(temp.path)/chapters/index.md:6:14: error: reference to unknown label 'fig:curv'",
        ])
    }
}
