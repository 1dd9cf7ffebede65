import Foundation
import Testing
@testable import Notebook

/// Ids on a page (issue 18): headings and labels never share one.
@Suite struct HeadingIdTests {
    /// A print.html section reads the ids that start with its slug and `--`: with slugs `a`
    /// and `a-`, the id `a---b` starts with both (`a--` and `a---`), and a slug taken by an
    /// element sends its chapter's section to `<slug>-chapter`.
    @Test func printContextsFindEveryIdAChaptersHeadingsCouldTake() {
        var ids = Render.PrintIds(labels: LabelTable(), slugs: ["a", "a-", "b"])
        ids.insert(["a---b", "b", "c--d"])
        let pages = ["a", "a-", "b"].map { Chapter(path: "\($0).md", number: 1, slug: $0, title: $0, document: DocumentNode(.markdown(.document))) }
        let contexts = ids.contexts(pages)
        #expect(contexts.map(\.takenIds) == [["a---b"], ["a---b"], []])
        #expect(contexts[0].chapterIds == ["b": "b-chapter"])
    }

    /// A page's memo entry keeps only the ids a context reads: those holding `--`, a slug, or a
    /// slug then `-chapter` (where a chapter's section goes when an element has its slug).
    @Test func pagesKeepOnlyTheIdsPrintContextsRead() {
        let ids: Set<String> = ["a---b", "b", "b-chapter", "b-chapter-2", "x-chapter", "fig-acc", "content", "c-d"]
        #expect(Render.PrintIds.thatMatter(ids, slugs: ["a", "b"]) == ["a---b", "b", "b-chapter", "b-chapter-2"])
    }

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

    /// Ids inside a figure's inline SVG (its clip path, title and description,
    /// which `clip-path` and `aria-labelledby` point at) and ids in an author's
    /// raw HTML are not taken by headings either; on print.html a chapter whose
    /// slug is a label's id gets a section id of its own.
    @Test func headingsNeverTakeTheIdOfAnyOtherElement() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-one.md", """
            # One

            ```figure
            experiment: squares
            plot: curve
            label: fig:acc
            caption: Squares.
            ```

            ## Plot squares curve p1 clip

            ## Plot squares curve title

            <div id="aside-note">Raw.</div>

            ## Aside note

            See [the next chapter](02-fig-acc.md).

            """)
        try temp.write("chapters/02-fig-acc.md", "# Accuracy\n\nText.\n")
        let options = BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/site",
                                   packageRoot: temp.path, registry: FixtureExperiments.registry, useCache: false)
        let diagnostics = await build(options)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let page = try String(contentsOfFile: temp.path + "/site/one.html", encoding: .utf8)
        #expect(page.contains("clip-path=\"url(#plot-squares-curve-p1-clip)\""), "the figure is drawn with its clip path")
        for id in ["plot-squares-curve-p1-clip", "plot-squares-curve-title", "aside-note"] {
            #expect(page.components(separatedBy: "id=\"\(id)\"").count == 2, "one element has id \(id)")
            #expect(page.contains("id=\"\(id)-2\""), "the heading took \(id)-2")
        }
        let print = try String(contentsOfFile: temp.path + "/site/print.html", encoding: .utf8)
        let ids = print.matches(of: /\sid="([^"]*)"/).map { String($0.output.1) }
        #expect(ids.count == Set(ids).count, "duplicate ids on print.html: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        #expect(print.contains("<section class=\"print-chapter\" id=\"fig-acc-chapter\">"))
        #expect(print.contains("<a href=\"#fig-acc-chapter\">"), "the contents and the link from chapter one lead to the chapter")
        #expect(!print.contains("href=\"#fig-acc\">the next chapter"))
        #expect(print.components(separatedBy: "id=\"fig-acc\"").count == 2)
    }

    /// The scan finds ids in every quoting style and in any letter case, and only `id` itself.
    @Test func idsInRawMarkup() {
        let html = #"<div id="a"><span ID='b'>x</span><p id=c class=d><i data-id="no" aria-id=no2>"#
            + #"<svg><clipPath id = "e"/></svg> text id="not-in-a-tag" <br>"#
        #expect(PageIds.inMarkup(html) == ["a", "b", "c", "e"])
        #expect(PageIds.inMarkup("no markup at all") == [])
    }
}
