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
        try writeEarlierOutput(temp, "site", ["stale.html": "old page\n"])
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

    /// A stored piece (issue 24) the output does not hold and the memo cannot give (the output
    /// changed under a build whose memo entry is damaged): nothing is written, and the report
    /// says so, for the build to start again without the record.
    @Test func aStoredPieceThatCannotBeReadWritesNothing() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        let output = try OutputDirectory.validate(temp.path + "/site", chaptersDirectory: book.chapters, packageRoot: book.root)
        var site = Site()
        site.add("index.html", "<p>one</p>\n")
        _ = try await output.replace(with: site)
        let before = snapshot(temp.path + "/site")
        site.files["page.html"] = SiteFile(parts: [.stored(StoredBytes(id: ContentId(Array("gone".utf8))) { nil })])
        let report = try await output.replace(with: site)
        #expect(report.incomplete && !report.wrote)
        #expect(snapshot(temp.path + "/site") == before)
    }

    @Test func staleStagingFromAKilledBuildIsCleanedUp() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let book = try makeBook(temp)
        let gone = try exitedProcessID()
        let output = try OutputDirectory.validate(temp.path + "/site", chaptersDirectory: book.chapters, packageRoot: book.root)
        // Today's staging name, its aside form, and the form of older docgen.
        for folder in [output.stagingPrefix + "\(gone)", output.stagingPrefix + "\(gone).old", ".site.docgen-staging-\(gone)"] {
            try writeEarlierOutput(temp, folder, ["half.html": "half\n"])
        }
        #expect(await build(chapters: book.chapters, output: temp.path + "/site", packageRoot: book.root).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["book", "site"])
    }
}

/// Links and interruptions: docgen never follows a link out of its output and
/// never leaves a half-written site.
@Suite struct OutputInterruptionTests {
    /// docgen never writes a link, so links in the output mean someone else put
    /// them there: the build is refused, and nothing they point at is touched.
    @Test func symbolicLinksInsideTheOutputAreRefusedNotFollowed() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("book/chapters/index.md", "# Tiny\n\nHello.\n")
        try temp.write("precious/keep.txt", "do not touch\n")
        try temp.write("site/.docgen-output", OutputMarker(files: ["index.html", "assets/style.css"]).text)
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/site/assets", withDestinationPath: temp.path + "/precious")
        try FileManager.default.createSymbolicLink(atPath: temp.path + "/site/index.html", withDestinationPath: temp.path + "/precious/keep.txt")
        let before = snapshot(temp.path)
        let diagnostics = await build(chapters: temp.path + "/book/chapters", output: temp.path + "/site", packageRoot: temp.path + "/book")
        #expect(diagnostics.first?.message.contains("assets (a symbolic link), index.html (a symbolic link)") == true, "\(diagnostics)")
        #expect(snapshot(temp.path) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: temp.path + "/site/assets") == temp.path + "/precious")
    }

    /// `kill -9` at many moments of a build: the output is always the old site
    /// or the new one, whole, and the next build cleans up after the killed one.
    @Test func killedBuildsLeaveAWholeSite() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        var chapter = "# Big\n\n"
        for index in 0..<20_000 { chapter += "Paragraph \(index) with $x_{\(index)}^2$ and *words*.\n\n" }
        try temp.write("chapters/index.md", "# Book\n\nVersion one.\n")
        try temp.write("chapters/01-big.md", chapter)
        #expect(await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path).isEmpty)
        let old = snapshot(temp.path + "/site")
        try temp.write("chapters/index.md", "# Book\n\nVersion two.\n")
        for delay in stride(from: 20, through: 1_200, by: 90) {
            let process = Process()
            process.executableURL = CommandLineTests.executable
            process.arguments = ["build", "--chapters", "chapters", "--output", "site"]
            process.currentDirectoryURL = temp.url
            process.standardError = FileHandle.nullDevice
            try process.run()
            try await Task.sleep(nanoseconds: UInt64(delay) * 1_000_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = snapshot(temp.path + "/site")
            let isOld = now == old
            let isNew = String(decoding: now["index.html"] ?? Data(), as: UTF8.self).contains("Version two.")
                && now.keys.count == old.keys.count
            #expect(isOld || isNew, "after a kill at \(delay) ms the site is neither the old nor the new one")
        }
        #expect(await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["chapters", "site"])
    }
}

/// A rebuild writes only what changed.
@Suite struct IncrementalOutputTests {
    func inode(_ path: String) -> UInt64 {
        var info = stat()
        return lstat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func unchangedRebuildWritesNothingAndAnEditRewritesOnlyItsPage() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n\nPreface.\n")
        try temp.write("chapters/01-one.md", "# One\n\nFirst.\n")
        try temp.write("chapters/02-two.md", "# Two\n\nSecond.\n")
        let options = BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/site",
                                   packageRoot: temp.path, registry: FixtureExperiments.registry, useCache: false)
        #expect(await build(options).isEmpty)
        let style = inode(temp.path + "/site/assets/style.css")
        let two = inode(temp.path + "/site/two.html")
        let marker = inode(temp.path + "/site/.docgen-output")

        // Nothing changed: the very same files stay (not even the marker is rewritten).
        #expect(await build(options).isEmpty)
        #expect(inode(temp.path + "/site/.docgen-output") == marker)
        #expect(inode(temp.path + "/site/two.html") == two)

        // One chapter edited: its page is new, untouched files are the same inodes (hard links).
        try temp.write("chapters/01-one.md", "# One\n\nFirst, edited.\n")
        #expect(await build(options).isEmpty)
        #expect(inode(temp.path + "/site/assets/style.css") == style)
        #expect(try String(contentsOfFile: temp.path + "/site/one.html", encoding: .utf8).contains("First, edited."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["chapters", "site"])
    }
}
