import Foundation
import Testing
@testable import Notebook

/// Each case under Tests/Fixtures/bad/ must fail with exactly the errors in its
/// expected.txt, all of them, one after another ($CHAPTERS stands for its chapters
/// directory), and leave the previous output untouched. `DOCGEN_UPDATE_GOLDENS=1`
/// rewrites the expected.txt files; read their diff before committing it.
@Suite struct BadInputTests {
    static let cases: [String] = {
        let directory = Fixtures.root.appendingPathComponent("bad").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }()

    @Test func thereAreCases() async {
        #expect(Self.cases.count >= 10)
    }

    @Test(arguments: cases)
    func failsWithTheExpectedErrorAndKeepsOldOutput(_ name: String) async throws {
        let directory = Fixtures.root.appendingPathComponent("bad/\(name)")
        let chapters = directory.appendingPathComponent("chapters").path
        let expectedFile = directory.appendingPathComponent("expected.txt")

        let temp = try TempDirectory()
        defer { temp.remove() }
        try writeEarlierOutput(temp, "site", ["index.html": "previous build\n"])
        let before = snapshot(temp.path)

        let diagnostics = await build(chapters: chapters, output: temp.path + "/site", packageRoot: Fixtures.packageRoot.path)
        #expect(!diagnostics.isEmpty, "a bad input must fail")
        let reported = diagnostics.map(\.description).joined(separator: "\n")
        if Fixtures.updating {
            try Data((reported.replacingOccurrences(of: chapters, with: "$CHAPTERS") + "\n").utf8).write(to: expectedFile)
        }
        let expected = try String(contentsOf: expectedFile, encoding: .utf8)
            .replacingOccurrences(of: "$CHAPTERS", with: chapters)
            .trimmingCharacters(in: .newlines)
        #expect(reported == expected)
        #expect(snapshot(temp.path) == before, "a failed build must leave the old output and its surroundings as they were")
    }
}

/// Large and hostile inputs that must still build.
@Suite struct LargeInputTests {
    /// A 5 MB chapter of prose, math, code and lists builds, and quickly.
    @Test func fiveMegabyteChapterBuilds() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        var chapter = "# Large\n\n"
        var section = 0
        while chapter.utf8.count < 5_000_000 {
            section += 1
            chapter += "## Section \(section)\n\nThe loss $\\ell_{\(section)} = -\\log p_{y}$ and *emphasis* with `code $x$`.\n\n"
            chapter += "- item one with $a_1 * b_1$\n- item two\n\n```swift\nlet x = \(section) // $not math$\n```\n\n"
            chapter += String(repeating: "Plain prose about losses and gradients. ", count: 40) + "\n\n"
        }
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-large.md", chapter)
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3))")
        let page = try Data(contentsOf: URL(fileURLWithPath: temp.path + "/site/large.html"))
        #expect(page.count > 5_000_000)
    }
}

/// Issue 18: prose that once crashed or hung the build, but is legitimate, builds.
@Suite struct HostileProseTests {
    func buildPage(_ chapter: String) async throws -> String {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n")
        try temp.write("chapters/01-x.md", chapter)
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(3))")
        return (try? String(contentsOfFile: temp.path + "/site/x.html", encoding: .utf8)) ?? ""
    }

    /// Item 13: private-use characters next to math stay text, and the formula appears once.
    @Test func privateUseCharactersNextToMath() async throws {
        let prose = "\u{E000}\u{E010}\u{E001} and \u{E000}" + String(repeating: "\u{E011}", count: 40) + "\u{E001}"
        let page = try await buildPage("# X\n\nBefore \(prose) $x^2$ after.\n")
        #expect(page.contains("Before \(prose) "))
        #expect(page.components(separatedBy: "<math").count == 2)
    }

    /// Item 17: a paragraph of 20,000 `$` that never close (quadratic, it took minutes).
    @Test func twentyThousandDollarsThatNeverClose() async throws {
        let page = try await buildPage("# X\n\n" + String(repeating: "$a ", count: 20_000) + "\n\nThen $y$.\n")
        #expect(page.components(separatedBy: "<math").count == 2)
    }
}

/// The same corpus through the real command: exit status 1, no crash, no output.
@Suite struct BadInputCommandTests {
    @Test(arguments: BadInputTests.cases)
    func exitsWithStatusOneAndWritesNothing(_ name: String) throws {
        let chapters = Fixtures.root.appendingPathComponent("bad/\(name)/chapters").path
        let temp = try TempDirectory()
        defer { temp.remove() }
        let result = try CommandLineTests().run(["build", "--chapters", chapters, "--output", "site"], in: temp.path)
        #expect(result.status == 1, "\(name): \(result.stderr.suffix(300))")
        #expect(result.stderr.contains(": error: "))
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/site"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).isEmpty)
    }
}
