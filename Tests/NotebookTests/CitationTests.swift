import Foundation
import Testing
@testable import Notebook

/// Issue 21: citations against chapters/references.bib, the page's reference list,
/// print.html's list and references.html.
@Suite struct CitationTests {
    static let bib = """
        @book{bishop2006, author = {Bishop, Christopher M.}, title = {Pattern Recognition and Machine Learning},
          publisher = {Springer}, year = 2006}
        @misc{zeiler2012, author = {Matthew D. Zeiler}, title = {{ADADELTA}: An Adaptive Learning Rate Method},
          year = {2012}, eprint = {1212.5701}, archivePrefix = {arXiv}}
        @inproceedings{guo2017, author = {Guo, Chuan and Pleiss, Geoff and Sun, Yu and Weinberger, Kilian Q.},
          title = {On Calibration of Modern Neural Networks}, booktitle = {ICML}, year = {2017}}
        @article{king2001, author = {King, Gary and Zeng, Langche}, title = {Logistic Regression in Rare Events Data},
          journal = {Political Analysis}, year = {2001}, doi = {10.1093/oxfordjournals.pan.a004868}}
        """

    func build(_ temp: TempDirectory, _ chapter: String, bib: String = CitationTests.bib) async throws -> [Diagnostic] {
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-one.md", chapter)
        try temp.write("chapters/references.bib", bib)
        let options = BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/site",
                                   packageRoot: temp.path, registry: FixtureExperiments.registry, useCache: false)
        var warnings: [Diagnostic] = []
        do {
            _ = try await Builder.build(options) { line in
                if line.contains(": warning: ") { warnings.append(Diagnostic(path: "", message: line)) }
            }
        } catch {
            return error.diagnostics
        }
        return warnings
    }

    @Test func oneSeveralLocatorAndEtAl() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let problems = try await build(temp, "# One\n\nA [@zeiler2012], B [@bishop2006, §3.1], C [@guo2017; @king2001].\n")
        #expect(problems.isEmpty, "\(problems)")
        let page = try String(contentsOfFile: temp.path + "/site/one.html", encoding: .utf8)
        #expect(page.contains("A <span class=\"citation\">(<a href=\"#ref-zeiler2012\">Zeiler, 2012</a>)</span>, "
            + "B <span class=\"citation\">(<a href=\"#ref-bishop2006\">Bishop, 2006, §3.1</a>)</span>, "
            + "C <span class=\"citation\">(<a href=\"#ref-guo2017\">Guo et al., 2017</a>; <a href=\"#ref-king2001\">King and Zeng, 2001</a>)</span>."))
        // The page lists what it cites, by first author, each entry linked to its DOI or arXiv page.
        #expect(page.contains("<h2 id=\"references\">References</h2>"))
        let order = ["ref-bishop2006", "ref-guo2017", "ref-king2001", "ref-zeiler2012"].map { page.range(of: "id=\"\($0)\"")!.lowerBound }
        #expect(order == order.sorted())
        #expect(page.contains("href=\"https://doi.org/10.1093/oxfordjournals.pan.a004868\""))
        #expect(page.contains("href=\"https://arxiv.org/abs/1212.5701\""))
        // print.html lists every cited entry once, at its end; references.html lists the whole file.
        let print = try String(contentsOfFile: temp.path + "/site/print.html", encoding: .utf8)
        #expect(print.components(separatedBy: "id=\"ref-guo2017\"").count == 2)
        #expect(print.contains("<a href=\"#ref-guo2017\">Guo et al., 2017</a>"))
        let references = try String(contentsOfFile: temp.path + "/site/references.html", encoding: .utf8)
        #expect(references.contains("id=\"ref-bishop2006\"") && references.contains("id=\"ref-king2001\""))
        #expect(page.contains("<a href=\"references.html\">References</a>"))
    }

    @Test func unknownKeysBadEntriesAndUncitedEntries() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let file = temp.path + "/chapters"
        var problems = try await build(temp, "# One\n\nSee [@zeilr2012].\n")
        #expect(problems.map(\.description) == ["\(file)/01-one.md:3:7: error: no entry 'zeilr2012' in \(file)/references.bib (did you mean '@zeiler2012'?)"])
        problems = try await build(temp, "# One\n\nSee [@zeiler2012].\n", bib: "@misc{zeiler2012, title = {A}, year = 2012, author = {Z}}\n@misc{x, title = {B}\n")
        #expect(problems.count == 1 && problems[0].path == "\(file)/references.bib" && problems[0].line == 2, "\(problems)")
        problems = try await build(temp, "# One\n\nOnly [@zeiler2012].\n")
        #expect(problems.map(\.message).filter { $0.contains("is never cited") }.count == 3)
    }
}
