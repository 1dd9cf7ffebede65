import Foundation
import Testing
@testable import Notebook

/// Chapter names (issue 18): what is wrong with a file name, the slugs docgen
/// keeps for its own pages, and slugs that would be one file.
@Suite struct ChapterNameTests {
    @Test func aChapterFileNameSaysWhatIsWrongWithIt() {
        let cases: [(String, String)] = [
            ("notes.md", "chapter file names start with their number"),
            ("02-my chapter.md", "may contain only letters a-z and A-Z, digits, '-' and '_' after its number; found ' ' (a space)"),
            ("02-café.md", "after its number; found 'é'"),
            ("02-a.b.md", "after its number; found '.'"),
            ("02_intro.md", "has a '-' after its number, like '03-bce-vs-cce.md'; found '_'"),
            ("02.md", "has a name after its number"),
            ("02-.md", "has a name after '02-'"),
            ("99999999999999999999-big.md", "the number '99999999999999999999' at the start of the file name is too large"),
        ]
        for (name, expected) in cases {
            guard case .failure(let problem) = ChapterReader.numberAndSlug(of: name) else {
                Issue.record("\(name) was accepted")
                continue
            }
            #expect(problem.message.contains(expected), "\(name): \(problem.message)")
        }
        guard case .success(let parts) = ChapterReader.numberAndSlug(of: "03-BCE_vs-cce2.md") else {
            Issue.record("a valid name was refused")
            return
        }
        #expect(parts.0 == 3 && parts.1 == "BCE_vs-cce2")
    }

    /// Every page docgen writes itself is a reserved name, in any letter case, at the chapter file.
    @Test func reservedNamesAreErrorsAtTheChapterFile() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n")
        let names = ["01-print.md", "02-Search.md", "03-INDEX.md", "04-references.md"]
        for name in names { try temp.write("chapters/\(name)", "# Page\n") }
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.map(\.path) == names.map { temp.path + "/chapters/" + $0 })
        #expect(diagnostics.allSatisfy { $0.line == 1 && $0.column == 1 })
        #expect(diagnostics.first?.message == "a chapter may not be named 'print': docgen writes print.html itself; "
            + "reserved names, in any letter case: index, print, references, search")
        #expect(diagnostics[1].message.hasPrefix("a chapter may not be named 'Search': docgen writes search.html itself"))
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/site"))
        // The list is what the writer produces (and the preface's page).
        #expect(GeneratedPage.reservedSlugs == ["index"] + GeneratedPage.allCases.map(\.rawValue))
    }

    @Test func slugsDifferingOnlyInCaseAreDuplicates() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-Loss.md", "# Loss\n")
        try temp.write("chapters/02-loss.md", "# loss\n")
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.first?.description == "\(temp.path)/chapters/02-loss.md:1:1: error: duplicate slug 'loss': "
            + "\(temp.path)/chapters/01-Loss.md and \(temp.path)/chapters/02-loss.md would become Loss.html and loss.html, "
            + "one file where letter case does not count")
    }
}
