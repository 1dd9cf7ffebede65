import Foundation
import Testing
@testable import Notebook

/// The fixture book built into a temp dir and compared with golden files
/// (`DOCGEN_UPDATE_GOLDENS=1 swift test` rewrites them).
@Suite struct GoldenBookTests {
    @Test func basicBookMatchesGoldens() async throws {
        let book = Fixtures.root.appendingPathComponent("books/basic")
        let temp = try TempDirectory()
        defer { temp.remove() }
        let output = temp.path + "/site"
        let diagnostics = await build(chapters: book.appendingPathComponent("chapters").path, output: output,
                                packageRoot: Fixtures.packageRoot.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")

        var built = snapshot(output)
        #expect(built.removeValue(forKey: OutputDirectory.markerName) != nil)
        let expectedDirectory = book.appendingPathComponent("expected")
        if Fixtures.updating {
            try? FileManager.default.removeItem(at: expectedDirectory)
            for (relative, data) in built {
                let file = expectedDirectory.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
        }
        let expected = snapshot(expectedDirectory.path)
        #expect(Set(built.keys) == Set(expected.keys))
        for (relative, data) in expected.sorted(by: { $0.key < $1.key }) {
            #expect(built[relative] == data, "\(relative) differs from its golden; DOCGEN_UPDATE_GOLDENS=1 rewrites it")
        }
    }

    @Test func twoBuildsAreByteIdentical() async throws {
        let chapters = Fixtures.root.appendingPathComponent("books/basic/chapters").path
        let first = try TempDirectory(), second = try TempDirectory()
        defer { first.remove(); second.remove() }
        #expect(await build(chapters: chapters, output: first.path + "/a", packageRoot: Fixtures.packageRoot.path).isEmpty)
        #expect(await build(chapters: chapters, output: second.path + "/b", packageRoot: Fixtures.packageRoot.path).isEmpty)
        #expect(snapshot(first.path + "/a") == snapshot(second.path + "/b"))
    }

    @Test func pagesHaveTheRequiredStructure() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let chapters = Fixtures.root.appendingPathComponent("books/basic/chapters").path
        #expect(await build(chapters: chapters, output: temp.path + "/site", packageRoot: Fixtures.packageRoot.path).isEmpty)
        for name in ["index.html", "first.html", "second.html", "print.html"] {
            let html = try String(contentsOfFile: temp.path + "/site/" + name, encoding: .utf8)
            // The language and the title come from the fixture's book.yml.
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
            #expect(html.contains("<a class=\"book-title\" href=\"index.html\">The Basic Book</a>"))
            #expect(html.contains("<a class=\"source-link\" href=\"https://example.org/someone/basic-book/blob/HEAD/chapters/") || name == "print.html")
            #expect(html.contains("<meta name=\"viewport\""))
            #expect(html.components(separatedBy: "<h1").count == 2, "exactly one <h1> in \(name)")
            #expect(html.components(separatedBy: "<main").count == 2)
            // The one script: the search's (the fixture's book.yml has `search: true`), not on print.html.
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == (name == "print.html" ? 0 : 1), "\(name)")
            #expect(!html.contains("<script") || html.contains("<script src=\"assets/search.js\" defer=\"\"></script>"))
            #expect(html.contains("aria-current=\"page\"") || name == "print.html")
        }
        let print = try String(contentsOfFile: temp.path + "/site/print.html", encoding: .utf8)
        // One page: ids carry their chapter's slug and chapter links stay on the page.
        #expect(print.contains("<section class=\"print-chapter\" id=\"first\">"))
        #expect(print.contains("id=\"first--a-section-2\""))
        #expect(print.contains("<a href=\"#first--a-section\">a chapter link</a>"))
        #expect(print.contains("<a href=\"#first\">the first</a>"))
        let index = try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8)
        // Math is MathML with its TeX kept as an annotation; nothing is left as a placeholder.
        #expect(index.contains("<annotation encoding=\"application/x-tex\">a_1 * b_1</annotation></semantics></math>"))
        #expect(index.contains("<math display=\"block\"><semantics><mrow><munderover>"))
        #expect(!index.contains("class=\"math\""))
        #expect(index.contains("<a href=\"first.html#a-section\">"))
        let first = try String(contentsOfFile: temp.path + "/site/first.html", encoding: .utf8)
        #expect(first.contains("id=\"a-section\"") && first.contains("id=\"a-section-2\""))
        #expect(first.contains("<a href=\"#a-subsection\">A subsection</a>"))
        // A numbered equation, a reference to it, and a checked derivation.
        #expect(first.contains("id=\"eq-logistic\""))
        #expect(first.contains("(1.1)"))
        #expect(first.contains("<a href=\"#eq-logistic\">(1.1)</a> is checked below"))
        #expect(first.contains("checked at 64 points over"))
        #expect(first.contains("rel=\"prev\" href=\"index.html\"") && first.contains("rel=\"next\" href=\"second.html\""))
    }
}
