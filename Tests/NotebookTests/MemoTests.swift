import Foundation
import Testing
@testable import Notebook

/// Issue 24: what a build reuses from earlier builds (`Memo`) never changes a byte
/// of the output. Each case builds the same chapters with the memo (twice: filling
/// it, then reading it) and without (`useCache: false`), also after edits that
/// renumber a figure in an earlier chapter and rename a section.
@Suite struct MemoTests {
    static let first = """
        # One

        ## Setup

        The curve in @fig:curve and the identity @eq:square.

        ```figure
        experiment: squares
        plot: curve
        label: fig:curve
        caption: Squares, as in @eq:square.
        ```

        $$ y = x^2 \\label{eq:square} $$

        ```derivation
        given: x in [-2, 2]
        (x + 1)^2
        = x^2 + 2x + 1
        ```
        """

    static let second = """
        # Two

        Back to @fig:curve in [the first chapter](01-one.md#setup).

        ```derivation
        given: z in [0.5, 3]
        \\log(z^2)
        = 2\\log z
        ```
        """

    /// The preface and the two chapters above.
    func writeBook(_ temp: TempDirectory) throws {
        try temp.write("chapters/index.md", "# Book\n\nA preface.\n")
        try temp.write("chapters/01-one.md", Self.first)
        try temp.write("chapters/02-two.md", Self.second)
    }

    func options(_ temp: TempDirectory, memo: Bool, output: String) -> BuildOptions {
        BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/" + output,
                     packageRoot: temp.path, registry: FixtureExperiments.registry, useCache: memo, jobs: 2)
    }

    /// Builds with the memo twice and without it once; all three outputs are the same files, byte for byte.
    func expectSameBothWays(_ temp: TempDirectory, _ step: String) async throws {
        for output in ["memo", "memo", "plain"] {
            _ = try await Builder.build(options(temp, memo: output == "memo", output: output))
        }
        let plain = snapshot(temp.path + "/plain")
        #expect(!plain.isEmpty)
        #expect(snapshot(temp.path + "/memo") == plain, "\(step): the build with the memo differs")
    }

    @Test func outputIsTheSameWithAndWithoutTheMemo() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        try await expectSameBothWays(temp, "first build")
        // Two derivations and one figure (its SVG and CSV files), and each of the three pages' facts, output, file and print.html section.
        #expect(try entries(temp) == ["derivation": 2, "facts": 3, "figure": 1, "file": 2, "html": 3, "page": 3, "print": 3])

        // A sentence added to chapter 2: only its facts, its page and file and its section of print.html are new.
        try temp.write("chapters/02-two.md", Self.second + "\n\nOne more sentence of prose.\n")
        try await expectSameBothWays(temp, "after a prose edit")
        #expect(try entries(temp) == ["derivation": 2, "facts": 4, "figure": 1, "file": 2, "html": 4, "page": 4, "print": 4])
        #expect(try String(contentsOfFile: temp.path + "/memo/two.html", encoding: .utf8).contains("One more sentence"))
        try temp.write("chapters/02-two.md", Self.second)

        // A figure before fig:curve: it becomes Figure 1.2, and chapter 2's reference with it.
        try temp.write("chapters/01-one.md", Self.first.replacingOccurrences(of: "## Setup\n", with: """
            ## Setup

            ```figure
            experiment: squares
            plot: curve
            label: fig:before
            caption: The same squares, first.
            ```

            """))
        try await expectSameBothWays(temp, "after renumbering")
        #expect(try String(contentsOfFile: temp.path + "/memo/two.html", encoding: .utf8).contains("Figure 1.2"))

        // A section renamed: the link from chapter 2 now points at a heading that is gone, and a new id.
        try temp.write("chapters/01-one.md", Self.first.replacingOccurrences(of: "## Setup", with: "## Getting started"))
        try temp.write("chapters/02-two.md", Self.second.replacingOccurrences(of: "#setup", with: "#getting-started"))
        try await expectSameBothWays(temp, "after renaming a section")
        #expect(try String(contentsOfFile: temp.path + "/memo/one.html", encoding: .utf8).contains("id=\"getting-started\""))

        // Chapter 1 retitled: every page's chapter list and chapter 2's link text change.
        try temp.write("chapters/01-one.md", Self.first.replacingOccurrences(of: "# One", with: "# The first one"))
        try await expectSameBothWays(temp, "after retitling a chapter")
        #expect(try String(contentsOfFile: temp.path + "/memo/two.html", encoding: .utf8).contains("The first one"))

        // The figure chapter 2 refers to loses its label's number to a table-free renumbering: it moves to chapter 2.
        try temp.write("chapters/01-one.md", Self.first.replacingOccurrences(of: "label: fig:curve\n", with: "label: fig:moved\n")
            .replacingOccurrences(of: "@fig:curve", with: "@fig:moved"))
        try temp.write("chapters/02-two.md", Self.second.replacingOccurrences(of: "@fig:curve", with: "@fig:moved"))
        try await expectSameBothWays(temp, "after renaming a referenced label")
    }

    /// Pages are resolved and rendered a few at a time (four per job), each section of print.html
    /// with the ids known by then; a later page's element id that an earlier heading's id or a
    /// chapter's section id would take has that section rendered again. The output is the same
    /// whatever the batches, and with a print.html section alone missing from the memo.
    @Test func printSectionsDoNotDependOnTheBatches() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        for number in 3...5 { try temp.write("chapters/0\(number)-more\(number).md", "# More \(number)\n\nText.\n") }
        try temp.write("chapters/06-last.md", "# Last\n\n<span id=\"one--setup\"></span><span id=\"two\"></span>\n")
        var outputs: [[String: Data]] = []
        for jobs in [1, 8] {
            var options = options(temp, memo: false, output: "jobs-\(jobs)")
            options.jobs = jobs
            _ = try await Builder.build(options)
            outputs.append(snapshot(options.outputDirectory))
        }
        #expect(outputs[0] == outputs[1])
        let print = try #require(outputs[0]["print.html"].map { String(decoding: $0, as: UTF8.self) })
        #expect(print.contains("<section class=\"print-chapter\" id=\"two-chapter\">"))
        #expect(!print.contains("<h2 id=\"one--setup\">"))

        // Only the print.html sections gone from the memo: those pages are resolved again for them.
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        let directory = temp.path + "/.docgen-cache/memo/" + (try #require(Memo.generation))
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("print-") {
            try FileManager.default.removeItem(atPath: directory + "/" + name)
        }
        try FileManager.default.removeItem(atPath: temp.path + "/memo")
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        #expect(snapshot(temp.path + "/memo") == outputs[1])
        #expect(try entries(temp)["print"] == 7)
    }

    /// `serve` keeps the memo in memory across rebuilds: with the disk memo gone, an edit
    /// rebuild still renders only the edited page (the only page entry written) and gives
    /// the same output; memory then holds what that build used, not every entry ever made.
    @Test func serveKeepsTheMemoInMemory() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        var options = options(temp, memo: true, output: "memo")
        options.memoMemory = MemoMemory()
        _ = try await Builder.build(options)
        let kept = try #require(options.memoMemory?.count)
        #expect(kept == 17)
        try FileManager.default.removeItem(atPath: temp.path + "/.docgen-cache/memo")
        try temp.write("chapters/02-two.md", Self.second + "\n\nOne more sentence of prose.\n")
        _ = try await Builder.build(options)
        #expect(try entries(temp) == ["facts": 1, "html": 1, "page": 1, "print": 1])
        _ = try await Builder.build(self.options(temp, memo: false, output: "plain"))
        #expect(snapshot(temp.path + "/memo") == snapshot(temp.path + "/plain"))
        // Four new entries (the edited page's facts, page, file and section); forgotten: its four old ones, and
        // chapter 1's derivation and figure drawing, which that build did not need (its page was kept).
        #expect(options.memoMemory?.count == kept + 4 - 4 - 2)
    }

    /// The memo's entries by kind (the part of the file name before the first '-').
    func entries(_ temp: TempDirectory) throws -> [String: Int] {
        let generation = try #require(Memo.generation)
        let names = try FileManager.default.contentsOfDirectory(atPath: temp.path + "/.docgen-cache/memo/" + generation)
        return names.reduce(into: [:]) { counts, name in counts[String(name.prefix { $0 != "-" }), default: 0] += 1 }
    }

    /// Another docgen binary's entries go when this one builds; other files stay.
    @Test func otherGenerationsAreRemoved() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n\nA preface.\n")
        try temp.write("chapters/01-one.md", Self.first)
        try temp.write(".docgen-cache/memo/0123456789abcdef/derivation-0.bin", "sha256 0\nold")
        try temp.write(".docgen-cache/memo/notes.txt", "not ours")
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        let names = try FileManager.default.contentsOfDirectory(atPath: temp.path + "/.docgen-cache/memo").sorted()
        #expect(names == [try #require(Memo.generation), "notes.txt"].sorted())
    }

    /// A damaged entry is computed again and rewritten, never shown.
    @Test func damagedEntryIsRecomputed() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n\nA preface.\n")
        try temp.write("chapters/01-one.md", Self.first)
        _ = try await Builder.build(options(temp, memo: false, output: "plain"))
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        let directory = temp.path + "/.docgen-cache/memo/" + (try #require(Memo.generation))
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasPrefix("derivation-") }
        try #require(entries.count == 1)
        let path = directory + "/" + entries[0]
        let good = try String(contentsOfFile: path, encoding: .utf8)
        // Same length, one character of the payload changed: its checksum no longer matches.
        try Data(good.replacingOccurrences(of: "checked at", with: "checked At").utf8).write(to: URL(fileURLWithPath: path))
        #expect(Memo.load(path) == nil)
        // The pages go too, else the derivation is not looked at again.
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("page-") || name.hasPrefix("print-") {
            try FileManager.default.removeItem(atPath: directory + "/" + name)
        }
        try FileManager.default.removeItem(atPath: temp.path + "/memo")
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        #expect(snapshot(temp.path + "/memo") == snapshot(temp.path + "/plain"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == good)
    }

    /// A damaged page entry (its facts, its output, its print.html section, a figure file) is
    /// computed again and rewritten, never shown: first the pages' entries, then the files'.
    @Test func damagedPageEntryIsRecomputed() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        _ = try await Builder.build(options(temp, memo: false, output: "plain"))
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        let directory = temp.path + "/.docgen-cache/memo/" + (try #require(Memo.generation))
        for kinds in [["page-", "html-", "print-", "facts-"], ["file-"]] {
            let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { name in kinds.contains { name.hasPrefix($0) } }
            try #require(names.count == (kinds.count == 4 ? 12 : 2))
            var good: [String: Data] = [:]
            for name in names {
                let path = directory + "/" + name
                let bytes = try #require(FileManager.default.contents(atPath: path))
                good[name] = bytes
                // Same length, the last byte of the payload changed: its checksum no longer matches.
                var damaged = bytes
                damaged[damaged.count - 1] ^= 0x01
                try damaged.write(to: URL(fileURLWithPath: path))
                #expect(Memo.load(path) == nil)
            }
            try FileManager.default.removeItem(atPath: temp.path + "/memo")
            _ = try await Builder.build(options(temp, memo: true, output: "memo"))
            #expect(snapshot(temp.path + "/memo") == snapshot(temp.path + "/plain"))
            for name in names { #expect(FileManager.default.contents(atPath: directory + "/" + name) == good[name], "\(name) rewritten") }
        }
    }

    /// The output record: after an edit, the kept pages' files and print.html's kept sections are
    /// not read from the memo when the output holds them (here their entries are damaged and stay
    /// so, yet the output is right: print.html's sections come from the current print.html). A
    /// file changed by hand, its modification time put back, is not trusted: the build mends it.
    @Test func theOutputRecordSparesReadingWhatTheOutputHolds() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        // Twice, a clock tick apart: files written in the tick their record was made in are trusted from the next record on.
        for _ in 1...2 {
            _ = try await Builder.build(options(temp, memo: true, output: "memo"))
            try await Task.sleep(for: .milliseconds(30))
        }
        let directory = temp.path + "/.docgen-cache/memo/" + (try #require(Memo.generation))
        var damaged: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasPrefix("html-") || name.hasPrefix("print-") {
            var bytes = try #require(FileManager.default.contents(atPath: directory + "/" + name))
            bytes[bytes.count - 1] ^= 0x01
            try bytes.write(to: URL(fileURLWithPath: directory + "/" + name))
            damaged[name] = bytes
        }
        try #require(damaged.count == 6)

        try temp.write("chapters/02-two.md", Self.second + "\n\nOne more sentence of prose.\n")
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        _ = try await Builder.build(options(temp, memo: false, output: "plain"))
        #expect(snapshot(temp.path + "/memo") == snapshot(temp.path + "/plain"))
        // Chapter 2's old entries still damaged (they were not looked at), and so are the others: not read.
        for (name, bytes) in damaged { #expect(FileManager.default.contents(atPath: directory + "/" + name) == bytes, "\(name) was rewritten") }
        try await Task.sleep(for: .milliseconds(30))

        // one.html changed by hand, same size, its modification time put back: its inode's change time shows it.
        let page = temp.path + "/memo/one.html"
        var info = stat()
        try #require(lstat(page, &info) == 0)
        var bytes = try #require(FileManager.default.contents(atPath: page))
        let at = try #require(bytes.firstIndex(of: UInt8(ascii: "<")))
        bytes[at + 1] = bytes[at + 1] == UInt8(ascii: "x") ? UInt8(ascii: "y") : UInt8(ascii: "x")
        try bytes.write(to: URL(fileURLWithPath: page))
        try #require(putBackTimes(page, from: info))
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        #expect(snapshot(temp.path + "/memo") == snapshot(temp.path + "/plain"))
    }

    /// A chapter changed in place, same size, its modification time put back, is read as changed:
    /// the sources record vouches for a digest only while the file's state is the recorded one.
    @Test func theSourcesRecordMissesNoEdit() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        try await Task.sleep(for: .milliseconds(30))
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        // It vouches for every chapter (its paths are the ones the build reads by).
        let record = FileRecord<String>.load(FileRecord<String>.path(packageRoot: temp.path, kind: "sources", of: temp.path + "/chapters"))
        #expect(record?.trustedNow().count == 3)
        let chapter = temp.path + "/chapters/02-two.md"
        var info = stat()
        try #require(lstat(chapter, &info) == 0)
        try temp.write("chapters/02-two.md", Self.second.replacingOccurrences(of: "Back to", with: "Look at"))
        try #require(putBackTimes(chapter, from: info))
        _ = try await Builder.build(options(temp, memo: true, output: "memo"))
        #expect(try String(contentsOfFile: temp.path + "/memo/two.html", encoding: .utf8).contains("Look at"))
    }

    /// A chapter the sources record vouches for is listed but not read; it is read when its page
    /// must be parsed after all, and only if it still has the digest the record gave.
    @Test func aVouchedForChapterIsReadOnlyWhenItsPageIsParsed() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        let one = temp.path + "/chapters/01-one.md", two = temp.path + "/chapters/02-two.md"
        let sources = try ChapterReader(directory: temp.path + "/chapters").read(leavingUnread: [one, two])
        #expect(sources.map(\.slug) == ["index", "one", "two"])
        #expect(sources.map(\.text.isEmpty) == [false, true, true])
        var full = sources
        full[1].text = Self.first
        full[2].text = Self.second
        let digests = full.map(PageMemo.digest)

        var chapters = Builder.Chapters(sources: sources, unread: [one, two])
        try chapters.read([0, 1], digests: digests)
        #expect(chapters.sources[1].text == Self.first && chapters.unread == [two])
        // Changed since its state was looked at: not parsed under the old text's keys.
        try temp.write("chapters/02-two.md", Self.second + "\nMore.\n")
        let error = #expect(throws: Diagnostics.self) { try chapters.read([2], digests: digests) }
        #expect(error?.diagnostics.map(\.message) == [Builder.Chapters.notAsRecorded])
    }

    /// A sources record that vouches for a digest the chapter does not have (another docgen made
    /// it, or the chapter changed while a build ran) costs one more pass, never a failed or wrong build.
    @Test func aChapterNotAsRecordedIsReadAgainNotReported() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeBook(temp)
        _ = try await Builder.build(options(temp, memo: false, output: "plain"))
        let recordPath = FileRecord<String>.path(packageRoot: temp.path, kind: "sources", of: temp.path + "/chapters")
        let chapters = ["index.md", "01-one.md", "02-two.md"].map { temp.path + "/chapters/" + $0 }
        let wrong = Dictionary(uniqueKeysWithValues: chapters.map { ($0, String(repeating: "0", count: 64)) })
        try await Task.sleep(for: .milliseconds(30))
        FileRecord(states: FileState.of(chapters), recordedAt: FileState.clock(), values: wrong).store(at: recordPath)
        #expect(FileRecord<String>.load(recordPath)?.trustedNow().count == 3)
        var lines: [String] = []
        _ = try await Builder.build(options(temp, memo: true, output: "memo")) { lines.append($0) }
        #expect(lines.contains("    a chapter changed during the build: reading every chapter again"))
        #expect(snapshot(temp.path + "/memo") == snapshot(temp.path + "/plain"))
        // The record now holds the chapters' digests.
        let digests = try ChapterReader(directory: temp.path + "/chapters").read().map(PageMemo.digest)
        #expect(FileRecord<String>.load(recordPath)?.trustedNow().values.sorted() == digests.sorted())
    }

    /// A file modified in the clock tick its record was made in is not trusted; nor is one whose state changed.
    /// A modification time of a whole second (a file system that keeps seconds) must be in an earlier second.
    @Test func aRecordTrustsOnlyFilesUnchangedSinceBeforeItWasMade() {
        var state = FileState(stat())
        (state.inode, state.size, state.modified) = (7, 3, 100_000_000_005)
        var record = FileRecord<String>(states: ["a": state], recordedAt: state.modified + 1, values: ["a": "digest"])
        #expect(record.trusted(["a": state]) == ["a": "digest"])
        record.recordedAt = state.modified
        #expect(record.trusted(["a": state]).isEmpty)
        record.recordedAt = state.modified + 1
        var moved = state
        moved.inode = 8
        #expect(record.trusted(["a": moved]).isEmpty)
        #expect(record.trusted([:]).isEmpty)

        state.modified = 100_000_000_000
        record = FileRecord<String>(states: ["a": state], recordedAt: 100_900_000_000, values: ["a": "digest"])
        #expect(record.trusted(["a": state]).isEmpty)
        record.recordedAt = 101_000_000_000
        #expect(record.trusted(["a": state]) == ["a": "digest"])
    }

    /// Sets `path`'s access and modification times back to those `info` gives.
    func putBackTimes(_ path: String, from info: stat) -> Bool {
        #if canImport(Darwin)
        var times = [info.st_atimespec, info.st_mtimespec]
        #else
        var times = [info.st_atim, info.st_mtim]
        #endif
        return utimensat(AT_FDCWD, path, &times, 0) == 0
    }
}
