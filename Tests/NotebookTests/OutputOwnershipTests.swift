import Foundation
import Testing
@testable import Notebook

/// Which directories a build may replace (issue 18): only what docgen wrote,
/// judged by a marker file with docgen's own text, and never a place inside
/// the chapters or the package's own directories.
@Suite struct OutputOwnershipTests {
    func makeBook(_ temp: TempDirectory) throws -> (chapters: String, root: String) {
        try OutputSafetyTests().makeBook(temp)
    }

    /// Builds into `output` and expects a refusal containing `reason`, with nothing under `temp` changed.
    func expectRefusal(_ output: String, _ reason: String, _ temp: TempDirectory, book: (chapters: String, root: String),
                       sourceLocation: SourceLocation = #_sourceLocation) async {
        let before = snapshot(temp.path)
        let entries = try? FileManager.default.contentsOfDirectory(atPath: temp.path).sorted()
        let diagnostics = await build(chapters: book.chapters, output: output, packageRoot: book.root)
        let message = diagnostics.first?.message ?? "(no error)"
        #expect(message.hasPrefix("refusing to write the site here: ") && message.contains(reason),
                "\(output): \(message)", sourceLocation: sourceLocation)
        #expect(snapshot(temp.path) == before, "\(output) was changed", sourceLocation: sourceLocation)
        let after = try? FileManager.default.contentsOfDirectory(atPath: temp.path).sorted()
        #expect(after == entries, "beside \(output)", sourceLocation: sourceLocation)
    }

    @Test func aMarkerMustBeDocgensOwnFile() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        // An empty directory named like the marker, beside a repository and a thesis.
        try temp.write("thesis/.git/HEAD", "ref: refs/heads/main\n")
        try temp.write("thesis/thesis.tex", "\\documentclass{book}\n")
        try FileManager.default.createDirectory(atPath: temp.path + "/thesis/.docgen-output", withIntermediateDirectories: false)
        await expectRefusal(temp.path + "/thesis", ".docgen-output is a directory, not the marker file docgen writes", temp, book: book)

        // A file of that name with other text.
        try temp.write("notes/.docgen-output", "marker\n")
        try temp.write("notes/todo.txt", "keep\n")
        await expectRefusal(temp.path + "/notes", ".docgen-output file does not hold docgen's text", temp, book: book)

        // A link to a real marker elsewhere.
        try writeEarlierOutput(temp, "other", ["index.html": "x\n"])
        try temp.write("linked/index.html", "mine\n")
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/linked/.docgen-output",
                                                   withDestinationPath: temp.path + "/other/.docgen-output")
        await expectRefusal(temp.path + "/linked", ".docgen-output is a symbolic link", temp, book: book)
    }

    /// A built site copied into a gh-pages checkout: the next build must not delete `.git`.
    @Test func aSiteCopiedBesideFilesDocgenDidNotWriteIsRefused() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        #expect(await build(chapters: book.chapters, output: temp.path + "/built", packageRoot: book.root).isEmpty)
        try temp.write("pages/.git/HEAD", "ref: refs/heads/gh-pages\n")
        try temp.write("pages/CNAME", "book.example.org\n")
        for (relative, data) in snapshot(temp.path + "/built") {
            try temp.write("pages/" + relative, String(decoding: data, as: UTF8.self))
        }
        await expectRefusal(temp.path + "/pages", "it holds files docgen did not write (.git/, CNAME)", temp, book: book)

        // So is a file added to a site docgen wrote, in a folder docgen made.
        try temp.write("built/assets/mine.css", "p {}\n")
        await expectRefusal(temp.path + "/built", "(assets/mine.css)", temp, book: book)
    }

    /// A marker of the form written before docgen listed its files: the site layout decides.
    @Test func anOlderMarkerIsReadWithTheSiteLayout() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        for site in ["old", "oldgit"] {
            try temp.write("\(site)/.docgen-output", OutputMarker.header + "\n")
            try temp.write("\(site)/index.html", "old\n")
            try temp.write("\(site)/gone.html", "old\n")
            try temp.write("\(site)/assets/style.css", "old\n")
            try temp.write("\(site)/figures/a-b.svg", "old\n")
        }
        try temp.write("oldgit/.git/HEAD", "ref: refs/heads/main\n")
        await expectRefusal(temp.path + "/oldgit", "(.git/)", temp, book: book)
        #expect(await build(chapters: book.chapters, output: temp.path + "/old", packageRoot: book.root).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/old/gone.html"))
        let marker = try #require(FileManager.default.contents(atPath: temp.path + "/old/.docgen-output"))
        #expect(OutputMarker.parse(Array(marker))?.files == ["index.html", "one.html", "print.html", "assets/style.css"])
    }

    @Test func refusesOutputsInsideTheChaptersAndThePackagesOwnDirectories() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        let cases: [(String, String)] = [
            (book.chapters + "/site", "inside the chapters directory"),
            (book.chapters + "/deep/er/site", "inside the chapters directory"),
            (temp.path + "/site.md", "its name ends in '.md'"),
            (temp.path + "/book/chapters/../site.md/", "its name ends in '.md'"),
            (book.root + "/Sources", "it is the package's Sources directory"),
            (book.root + "/Sources/", "it is the package's Sources directory"),
            (book.root + "/Sources/site", "inside the package's Sources directory"),
            (book.root + "/.build/site", "inside the package's .build directory"),
            (book.root + "/.docgen-cache", "it is the package's .docgen-cache directory"),
            (book.root + "/.git/site", "inside the package's .git directory"),
        ]
        for (output, reason) in cases {
            await expectRefusal(output, reason, temp, book: book)
        }
    }

    /// `link`, `link/`, `link//` and `link/.` all name the link.
    @Test func trailingSlashesDoNotHideASymbolicLink() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        try writeEarlierOutput(temp, "real", ["index.html": "x\n"])
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/link", withDestinationPath: temp.path + "/real")
        for output in ["/link", "/link/", "/link//", "/link/."] {
            await expectRefusal(temp.path + output, "it is a symbolic link", temp, book: book)
        }
    }

    /// An output under a file is refused in words before anything is written.
    @Test func anOutputBelowAFileIsRefusedInWords() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        try temp.write("afile", "text\n")
        for output in ["/afile/site", "/afile/deeper/site"] {
            await expectRefusal(temp.path + output, "\(temp.url.resolvingSymlinksInPath().path)/afile is not a directory", temp, book: book)
        }
    }

    /// Names up to the 255-byte limit build: the staging folder and the lock file keep short names.
    @Test(arguments: [240, 255])
    func longOutputNamesBuild(_ length: Int) async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        let name = String(repeating: "s", count: length)
        #expect(await build(chapters: book.chapters, output: temp.path + "/" + name, packageRoot: book.root).isEmpty)
        try temp.write("book/chapters/01-one.md", "# One\n\nEdited.\n")
        #expect(await build(chapters: book.chapters, output: temp.path + "/" + name, packageRoot: book.root).isEmpty)
        #expect(try String(contentsOfFile: temp.path + "/\(name)/one.html", encoding: .utf8).contains("Edited."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["book", name])
    }

    /// A staging folder is removed only when its owner is gone: a live build's stays.
    @Test func stagingFoldersOfLiveProcessesAreLeftAlone() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["600"]
        try sleeper.run()
        defer { if sleeper.isRunning { kill(sleeper.processIdentifier, SIGKILL) } }
        let output = try OutputDirectory.validate(temp.path + "/site", chaptersDirectory: book.chapters, packageRoot: book.root)
        let live = output.stagingPrefix + "\(sleeper.processIdentifier)"
        try writeEarlierOutput(temp, live, ["half.html": "half\n"])
        #expect(await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == [live, "book", "site"])

        kill(sleeper.processIdentifier, SIGKILL)
        sleeper.waitUntilExit()
        #expect(await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["book", "site"])
    }
}
