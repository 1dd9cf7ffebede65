import Foundation
import Testing
@testable import Notebook

/// Issue 20: a number typed into prose that an experiment of the page holds is
/// flagged (it would go stale); `--strict` makes that an error.
@Suite struct TypedNumberTests {
    /// `squares` with count 5 has sum 30, tiny 0.000123 and ratio 25/26 = 96.15%.
    static let page = """
        # Typed

        The sum is 30 and the ratio 96.15%, over {{squares.sum}} squares.

        Not flagged: the year 2030, Chapter 30, a single digit 5, `30` in code, $30$ in math,
        30.5, x30, 30th, 30-bit, and {{squares.ratio | percent:2}}.
        """

    func warnings(_ temp: TempDirectory, strict: Bool = false) async throws -> (log: [String], failure: [Diagnostic]) {
        try temp.write("chapters/index.md", Self.page)
        let options = BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/site",
                                   packageRoot: temp.path, registry: FixtureExperiments.registry, useCache: false, strict: strict)
        var log: [String] = []
        do {
            _ = try await Builder.check(options) { log.append($0) }
            return (log.filter { $0.contains("warning:") }, [])
        } catch {
            return (log.filter { $0.contains("warning:") }, error.diagnostics)
        }
    }

    @Test func typedValuesAreFlaggedAtTheirColumn() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let (log, failure) = try await warnings(temp)
        #expect(failure.isEmpty)
        let file = temp.path + "/chapters/index.md"
        #expect(log == [
            "\(file):3:12: warning: 30 is squares.sum; write {{squares.sum | int}}",
            "\(file):3:29: warning: 96.15% is squares.ratio; write {{squares.ratio | percent:2}}",
        ])
    }

    @Test func strictTurnsWarningsIntoErrors() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let (_, failure) = try await warnings(temp, strict: true)
        #expect(failure.map(\.severity) == [.warning, .warning])
        #expect(failure.first?.description.contains("3:12: warning: 30 is squares.sum") == true)
    }
}
