import ExperimentKit
import Foundation
import Testing
@testable import Notebook

/// Issue 20: experiments run once per seed; prose reads the first seed's value,
/// summaries over seeds and parameters.
@Suite struct SeedTests {
    /// x = the seed; each run appends its seed to a file, so a test can count runs per seed.
    struct Seeded: SeededExperiment {
        var id: String { "seeded" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        @Param("seed") var seed: UInt64 = 1
        @Param("learning rate") var rate = 0.25
        var seeds: [UInt64]
        var log: String

        var outputs: Outputs { Outputs(values: [.init("x", .fixed(1))]) }

        func run() throws -> ExperimentResult {
            let handle = FileHandle(forWritingAtPath: log)!
            handle.seekToEndOfFile()
            handle.write(Data("\(seed)\n".utf8))
            try handle.close()
            return ExperimentResult(values: ["x": Double(seed)])
        }
    }

    func options(_ temp: TempDirectory, seeds: [UInt64]) throws -> BuildOptions {
        let log = try temp.write("runs.txt", "")
        let registry = Registry([Seeded(seeds: seeds, log: log.path), FixtureExperiments.Squares()],
                                code: CompiledCode(moduleDirectories: [], files: [], otherPackagesDigest: "SeedTests"))
        return BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/site",
                            packageRoot: temp.path, registry: registry, useCache: true, jobs: 2)
    }

    func runs(_ temp: TempDirectory) -> [UInt64] {
        ((try? String(contentsOfFile: temp.path + "/runs.txt", encoding: .utf8)) ?? "").split(separator: "\n").compactMap { UInt64($0) }.sorted()
    }

    @Test func summariesOverSeedsAndParameters() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", """
            # Seeds

            First {{seeded.x}}, mean {{seeded.x.mean | fixed:2}}, sd {{seeded.x.sd | fixed:4}}, \
            min {{seeded.x.min | int}}, max {{seeded.x.max | int}}, both {{seeded.x | pm:2}}, \
            rate {{seeded.param.learning-rate}} or {{seeded.param.learning-rate | percent:0}}.
            """)
        _ = try await Builder.build(try options(temp, seeds: [1, 2, 3, 6]))
        let page = try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8)
        // mean 3, sd √(14/3) with n − 1.
        #expect(page.contains("First <span class=\"value\">1.0</span>, mean <span class=\"value\">3.00</span>, "
            + "sd <span class=\"value\">2.1602</span>, min <span class=\"value\">1</span>, max <span class=\"value\">6</span>, "
            + "both <span class=\"value\">3.00 ± 2.16</span>, rate <span class=\"value\">0.25</span> or <span class=\"value\">25%</span>."))
        #expect(page.contains("run for seeds 1, 2, 3, 6 (a single number is seed 1’s)") || page.contains("run for seeds 1, 2, 3, 6 (a single number is seed 1's)"))
    }

    @Test func eachSeedIsCachedOnItsOwn() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Seeds\n\nMean {{seeded.x.mean | fixed:2}}.\n")
        let first = try await Builder.build(try options(temp, seeds: [1, 2, 3]))
        #expect(first.experimentsRun == 1 && runs(temp) == [1, 2, 3])
        let again = try await Builder.build(try options(temp, seeds: [1, 2, 3]))
        #expect(again.experimentsCached == 1 && runs(temp).isEmpty)
        // One more seed: only it runs.
        _ = try await Builder.build(try options(temp, seeds: [1, 2, 3, 6]))
        #expect(runs(temp) == [6])
        let page = try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8)
        #expect(page.contains("Mean <span class=\"value\">3.00</span>."))
    }

    @Test func summariesNeedSeedsAndNamesMustExist() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", """
            # Seeds

            {{squares.sum.mean}} {{squares.sum | pm:2}} {{seeded.x.mean | pm:2}} {{seeded.param.rate}} {{seeded.y.sd}}
            """)
        var diagnostics: [String] = []
        do {
            _ = try await Builder.check(try options(temp, seeds: [1, 2]))
        } catch let failure as Diagnostics {
            diagnostics = failure.diagnostics.map(\.message)
        }
        #expect(diagnostics == [
            "'squares.sum.mean' needs several seeds, and 'squares' runs one: make it a SeededExperiment",
            "pm:N prints mean ± sd over seeds, and 'squares' runs one: make it a SeededExperiment",
            "pm:N prints mean ± sd of a value; 'x.mean' is one number already",
            "experiment 'seeded' has no parameter 'rate'; its parameters are seed, learning-rate",
            "experiment 'seeded' has no value 'y' (did you mean 'x'?)",
        ])
        #expect(runs(temp).isEmpty, "nothing runs when plan finds a problem")
    }

    @Test func aSeededExperimentRunsTwoDifferentSeedsAtLeast() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Seeds\n\n{{seeded.x}}\n")
        await #expect(throws: Diagnostics.self) { _ = try await Builder.check(try options(temp, seeds: [4])) }
        await #expect(throws: Diagnostics.self) { _ = try await Builder.check(try options(temp, seeds: [4, 4])) }
    }
}
