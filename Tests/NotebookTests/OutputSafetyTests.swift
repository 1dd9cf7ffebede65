import Foundation
import Testing
@testable import Notebook

/// docgen replaces only directories it owns, and a failed build changes nothing.
@Suite struct OutputSafetyTests {
    /// A tiny valid book in `temp/book/chapters`, with the package root at `temp/book`.
    func makeBook(_ temp: TempDirectory) throws -> (chapters: String, root: String) {
        try temp.write("book/chapters/index.md", "# Tiny\n\nHello.\n")
        try temp.write("book/chapters/01-one.md", "# One\n\nText.\n")
        return (temp.path + "/book/chapters", temp.path + "/book")
    }

    func refusal(_ diagnostics: [Diagnostic]) -> String? {
        diagnostics.first.map(\.message).flatMap { $0.hasPrefix("refusing") ? $0 : nil }
    }

    @Test func writesIntoAbsentAndEmptyDirectoriesWithMarker() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        #expect(await build(chapters: book.chapters, output: temp.path + "/new/nested/site", packageRoot: book.root).isEmpty)
        #expect(FileManager.default.fileExists(atPath: temp.path + "/new/nested/site/.docgen-output"))
        try FileManager.default.createDirectory(atPath: temp.path + "/empty", withIntermediateDirectories: false)
        #expect(await build(chapters: book.chapters, output: temp.path + "/empty", packageRoot: book.root).isEmpty)
        #expect(FileManager.default.fileExists(atPath: temp.path + "/empty/one.html"))
    }

    @Test func replacesItsOwnOutputCompletely() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        try temp.write("site/.docgen-output", "marker\n")
        try temp.write("site/stale.html", "old page\n")
        #expect(await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/site/stale.html"))
        #expect(FileManager.default.fileExists(atPath: temp.path + "/site/index.html"))
        // No staging or aside directory is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["book", "site"])
    }

    @Test func refusesDirectoriesItDoesNotOwn() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        try temp.write("mine/notes.txt", "precious\n")
        try temp.write("afile", "not a directory\n")
        let cases: [(String, String)] = [
            ("/", "root directory"),
            (book.root, "package root"),
            (book.chapters, "chapters directory"),
            (temp.path, "contains the package root"),
            (temp.path + "/book/chapters/../..", "contains the package root"),
            (temp.path + "/book/../book", "package root"),
            (temp.path + "/mine", "no .docgen-output marker"),
            (temp.path + "/afile", "not a directory"),
        ]
        for (output, reason) in cases {
            let before = snapshot(temp.path)
            let diagnostics = await build(chapters: book.chapters, output: output, packageRoot: book.root)
            let message = try #require(refusal(diagnostics), "\(output) was not refused: \(diagnostics)")
            #expect(message.contains(reason), "\(output): \(message)")
            #expect(diagnostics.first?.path == output)
            #expect(snapshot(temp.path) == before)
        }
    }

    @Test func refusesASymbolicLinkAsOutput() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        try FileManager.default.createDirectory(atPath: temp.path + "/real", withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: temp.path + "/real")
        let diagnostics = await build(chapters: book.chapters, output: temp.path + "/link", packageRoot: book.root)
        #expect(refusal(diagnostics)?.contains("symbolic link") == true)
    }

    @Test func aFailedBuildLeavesTheOldOutputByteForByte() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        #expect(await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root).isEmpty)
        let before = snapshot(temp.path + "/site")
        #expect(!before.isEmpty)
        // Break the book: a chapter loses its title.
        try temp.write("book/chapters/01-one.md", "No title any more.\n")
        let diagnostics = await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root)
        #expect(diagnostics.first?.description == "\(book.chapters)/01-one.md:1:1: error: chapter has no title: start it with a '# ' heading")
        #expect(snapshot(temp.path + "/site") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["book", "site"])
    }

    @Test func staleStagingFromAKilledBuildIsCleanedUp() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        try temp.write(".site.docgen-staging-99999/.docgen-output", "marker\n")
        try temp.write(".site.docgen-staging-99999/half.html", "half\n")
        #expect(await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["book", "site"])
    }
}
