import Foundation
import Testing
import XMLTree
@testable import Bibliography

/// `chapters/references.bib`: it parses, every entry says how it was checked, and its
/// reference list is as recorded in `Tests/Fixtures/bibliography/references.golden.txt`.
@Suite struct BookReferencesTests {
    /// The book's own bibliography parses, and its reference list is as recorded.
    @Test func theBooksReferenceList() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("chapters/references.bib")
        let text = try String(contentsOf: url, encoding: .utf8)
        let bibliography = try Bibliography(parsing: text, file: "chapters/references.bib")
        var lines: [String] = []
        for entry in bibliography.referenceList {
            let label = try #require(bibliography.citation(entry.key))
            let nodes = bibliography.reference(entry)
            lines.append("\(entry.key) — \(label)\n  " + Node.el("li", [], nodes).serialized())
        }
        let (expected, actual) = try Fixtures.golden("references.golden.txt", lines.joined(separator: "\n") + "\n")
        #expect(actual == expected)
    }

    /// Each entry is preceded by a `% checked:` comment saying how its identifiers were verified.
    @Test func everyEntrySaysHowItWasChecked() throws {
        let url = Fixtures.packageRoot.appendingPathComponent("chapters/references.bib")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        var sawCheck = false
        for line in lines {
            if line.hasPrefix("% checked:") { sawCheck = true }
            if line.hasPrefix("@") {
                #expect(sawCheck, "\(line)")
                sawCheck = false
            }
        }
    }
}
