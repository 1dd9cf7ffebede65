import ExperimentKit
import Foundation
import SVGPlot
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

        var outputs: Outputs { Outputs(values: [.init("x", .fixed(1))], figures: ["line"]) }

        func run() throws -> ExperimentResult {
            let handle = FileHandle(forWritingAtPath: log)!
            handle.seekToEndOfFile()
            handle.write(Data("\(seed)\n".utf8))
            try handle.close()
            let line = Series("y", x: [0, 1, 2], y: [0, Double(seed), 2 * Double(seed)])
            let figure = Figure(description: "y = seed · x", panel: Panel(x: Axis("x"), y: Axis("y"), layers: [.line(line)]))
            return ExperimentResult(values: ["x": Double(seed)], figures: ["line": figure])
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

    @Test func figuresShadeTheSpreadOverSeeds() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Seeds\n\n```figure\nexperiment: seeded\nplot: line\ncaption: Lines.\nband: min-max\n```\n")
        _ = try await Builder.build(try options(temp, seeds: [1, 2, 4]))
        let csv = try String(contentsOfFile: temp.path + "/site/figures/seeded-line.csv", encoding: .utf8)
        // The band spans seeds 1…4 at x = 1 and 2…8 at x = 2, under the first seed's line.
        #expect(csv.contains("1,4") && csv.contains("2,8"), "\(csv)")
        let svg = try String(contentsOfFile: temp.path + "/site/figures/seeded-line.svg", encoding: .utf8)
        #expect(svg.contains("Shaded around each line: lowest to highest over 3 seeds."))
        #expect(svg.contains("fill-opacity=\".2\""))
    }

    @Test func aBandNeedsSeeds() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Seeds\n\n```figure\nexperiment: squares\nplot: curve\ncaption: C.\nband: sd\n```\n")
        do {
            _ = try await Builder.check(try options(temp, seeds: [1, 2]))
            Issue.record("a band over one seed must fail")
        } catch let failure as Diagnostics {
            #expect(failure.diagnostics.map(\.description) == [
                "\(temp.path)/chapters/index.md:7:1: error: a band shows the spread over seeds, and 'squares' runs one: make it a SeededExperiment",
            ])
        }
    }
}
