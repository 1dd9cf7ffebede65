import Foundation
import Testing
@testable import Notebook

/// Each case under Tests/Fixtures/bad/ must fail with exactly the error in its
/// expected.txt ($CHAPTERS stands for its chapters directory) and leave the
/// previous output untouched.
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
        let expected = try String(contentsOf: directory.appendingPathComponent("expected.txt"), encoding: .utf8)
            .replacingOccurrences(of: "$CHAPTERS", with: chapters)
            .trimmingCharacters(in: .newlines)

        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("site/\(OutputDirectory.markerName)", "marker\n")
        try temp.write("site/index.html", "previous build\n")
        let before = snapshot(temp.path)

        let diagnostics = await build(chapters: chapters, output: temp.path + "/site", packageRoot: Fixtures.packageRoot.path)
        #expect(diagnostics.first?.description == expected)
        #expect(snapshot(temp.path) == before, "a failed build must leave the old output and its surroundings as they were")
    }
}
