import ExperimentKit
import Foundation
import Testing
@testable import Notebook

/// Figures, tables, values and listings from experiments; the cache and parallel runs.
@Suite struct ExperimentDirectiveTests {
    static let chapters = Fixtures.root.appendingPathComponent("books/directives/chapters").path

    func options(_ output: String, root: String = Fixtures.packageRoot.path, cache: Bool = false, jobs: Int = 2) -> BuildOptions {
        BuildOptions(chaptersDirectory: Self.chapters, outputDirectory: output, packageRoot: root,
                     registry: FixtureExperiments.registry, useCache: cache, jobs: jobs)
    }

    @Test func directiveBookMatchesGoldens() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let diagnostics = await build(options(temp.path + "/site"))
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        var built = snapshot(temp.path + "/site")
        built.removeValue(forKey: OutputDirectory.markerName)
        built.removeValue(forKey: "assets/style.css")
        // The provenance names the commit, which changes with every commit of this repository.
        for key in built.keys where key.hasSuffix(".html") {
            let text = String(decoding: built[key]!, as: UTF8.self)
                .replacingOccurrences(of: #" from commit [0-9a-f]+"#, with: " from commit COMMIT", options: .regularExpression)
            built[key] = Data(text.utf8)
        }
        let expected = Fixtures.root.appendingPathComponent("books/directives/expected")
        if Fixtures.updating {
            try? FileManager.default.removeItem(at: expected)
            for (relative, data) in built {
                let file = expected.appendingPathComponent(relative)
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: file)
            }
        }
        let golden = snapshot(expected.path)
        #expect(Set(built.keys) == Set(golden.keys))
        for (relative, data) in golden.sorted(by: { $0.key < $1.key }) {
            #expect(built[relative] == data, "\(relative) differs from its golden; DOCGEN_UPDATE_GOLDENS=1 rewrites it")
        }
    }

    @Test func numbersFiguresTablesAndReferencesOnThePage() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        #expect(await build(options(temp.path + "/site")).isEmpty)
        let page = try String(contentsOfFile: temp.path + "/site/numbers.html", encoding: .utf8)
        #expect(page.contains("<span class=\"value\">30</span>"))
        #expect(page.contains("<span class=\"value\">1.23 × 10<sup>−4</sup></span>"))
        #expect(page.contains("<span class=\"value\">96.15%</span>"))
        #expect(page.contains("<figure class=\"plot\" id=\"fig-squares\" style=\"max-width: 80%\"><svg"))
        #expect(page.contains("<span class=\"figure-number\">Figure 1.1:</span> The squares of the first integers."))
        #expect(page.contains("<a href=\"figures/squares-curve.svg\">SVG</a>"))
        #expect(page.contains("<a href=\"#fig-squares\">Figure 1.1</a>"))
        #expect(page.contains("<a href=\"#tab-rows\">Table 1.1</a>"))
        #expect(page.contains("<td class=\"number\">16.0</td>"))
        #expect(page.contains("the curve is <a href=\"#fig-squares\">Figure 1.1</a>."), "references resolve in captions")
        #expect(page.contains("<code>squares</code> (version 1) from <code>Tests/NotebookTests/FixtureExperiments.swift</code>; count = 5, seed = 7"))
        let csv = try String(contentsOfFile: temp.path + "/site/figures/squares-curve.csv", encoding: .utf8)
        #expect(csv.contains("16"))
        #expect(FileManager.default.fileExists(atPath: temp.path + "/site/figures/squares-curve.svg"))
    }

    @Test func parallelAndSerialBuildsAreByteIdentical() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        #expect(await build(options(temp.path + "/serial", jobs: 1)).isEmpty)
        #expect(await build(options(temp.path + "/parallel", jobs: 8)).isEmpty)
        #expect(snapshot(temp.path + "/serial") == snapshot(temp.path + "/parallel"))
    }

    /// A package root of our own, so the cache lives in a temp dir.
    /// A package root with one experiment whose "code" is `Sources/Book/`; the registry is
    /// compiled from that code as it is now, as the plugin would list it when building docgen.
    func countedSetup(_ temp: TempDirectory) throws -> (options: BuildOptions, source: URL, counter: String) {
        try temp.write("root/chapters/index.md", "# Cached\n\nHalf is {{counted.half | fixed:1}}.\n")
        let source = try temp.write("root/Sources/Book/Counted.swift", "// version A\n")
        let counter = temp.path + "/runs"
        let options = BuildOptions(chaptersDirectory: temp.path + "/root/chapters", outputDirectory: temp.path + "/root/out",
                                   packageRoot: temp.path + "/root", registry: try countedRegistry(temp, counter: counter),
                                   useCache: true, jobs: 2)
        return (options, source, counter)
    }

    /// The registry a docgen built from `root/Sources/Book` as it is now would have.
    func countedRegistry(_ temp: TempDirectory, counter: String) throws -> Registry {
        let code = try #require(CompiledCode.onDisk(moduleDirectories: ["Sources/Book"], packageRoot: temp.path + "/root",
                                                     otherPackagesDigest: "none"))
        return Registry([FixtureExperiments.Counted(source: temp.path + "/root/Sources/Book/Counted.swift", counter: counter)],
                        code: code)
    }

    func runs(_ counter: String) -> Int { (try? String(contentsOfFile: counter, encoding: .utf8)).flatMap { Int($0) } ?? 0 }

    @Test func cacheHitsMissesAndInvalidation() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        var (options, source, counter) = try countedSetup(temp)
        let first = try await Builder.build(options)
        #expect(first.experimentsRun == 1 && first.experimentsCached == 0)
        let firstOutput = snapshot(options.outputDirectory)
        let second = try await Builder.build(options)
        #expect(second.experimentsRun == 0 && second.experimentsCached == 1)
        #expect(runs(counter) == 1)
        #expect(snapshot(options.outputDirectory) == firstOutput)

        // Editing the experiment's source: this docgen is stale, so it reuses the result
        // of the code it was built from, and writes nothing to the cache.
        try Data("// version B\n".utf8).write(to: source)
        var log: [String] = []
        let stale = try await Builder.build(options) { log.append($0) }
        #expect(stale.experimentsCached == 1 && runs(counter) == 1)
        #expect(log.contains { $0.contains("docgen was built from other sources than Sources/ holds") })
        // docgen rebuilt from the edited sources: a new key, so it runs again.
        options.registry = try countedRegistry(temp, counter: counter)
        _ = try await Builder.build(options)
        #expect(runs(counter) == 2)

        // --no-cache runs again and gives the same bytes as the cached build.
        options.useCache = false
        _ = try await Builder.build(options)
        #expect(runs(counter) == 3)
        #expect(snapshot(options.outputDirectory) == firstOutput)
        // Results only (the page memo has its own folder, memo/, and the records of files outputs/ and sources/).
        let entries = try FileManager.default.contentsOfDirectory(atPath: temp.path + "/root/.docgen-cache").filter { !["memo", "outputs", "sources"].contains($0) }
        #expect(entries.count == 2 && entries.allSatisfy { $0.hasPrefix("counted-") && $0.hasSuffix(".bin") })
    }

    @Test func damagedCacheEntriesAreRecomputed() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let (options, _, counter) = try countedSetup(temp)
        _ = try await Builder.build(options)
        let cacheDirectory = temp.path + "/root/.docgen-cache"
        let entry = cacheDirectory + "/" + (try #require(try FileManager.default.contentsOfDirectory(atPath: cacheDirectory).first { !["memo", "outputs", "sources"].contains($0) }))
        // Same length, one byte changed inside the payload: the checksum no longer matches.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: entry))
        bytes[bytes.count - 3] ^= 0x01
        try bytes.write(to: URL(fileURLWithPath: entry))
        let rebuilt = try await Builder.build(options)
        #expect(rebuilt.experimentsRun == 1)
        #expect(runs(counter) == 2)
        // Truncated to nothing: also recomputed.
        try Data().write(to: URL(fileURLWithPath: entry))
        _ = try await Builder.build(options)
        #expect(runs(counter) == 3)
    }

    @Test func listShowsUseAndCacheState() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let (options, _, _) = try countedSetup(temp)
        var (rows, sources) = try await ExperimentCatalog.list(options)
        #expect(rows.map(\.id) == ["counted"] && rows[0].chapters == ["index"] && !rows[0].cached)
        #expect(sources == .current)
        _ = try await Builder.build(options)
        (rows, sources) = try await ExperimentCatalog.list(options)
        #expect(rows[0].cached && rows[0].lastRunSeconds != nil)
    }

    /// A value, plot or table an experiment does not declare stops the build at `plan`, before anything runs.
    @Test func undeclaredOutputsStopTheBuildBeforeAnythingRuns() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        var (options, _, counter) = try countedSetup(temp)
        try temp.write("root/chapters/index.md", "# Cached\n\nHalf is {{counted.halff | fixed:1}}.\n")
        options.useCache = false
        var log: [String] = []
        do {
            _ = try await Builder.check(options) { log.append($0) }
            Issue.record("the check should fail")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["experiment 'counted' has no value 'halff' (did you mean 'half'?)"])
        }
        #expect(runs(counter) == 0)
        #expect(log.contains { $0.hasSuffix("plan experiments") } && !log.contains { $0.hasSuffix("run experiments") })
    }

    /// `{{experiment.key}}` prints the value in the format its experiment declares.
    @Test func valuesWithoutAFormatUseTheDeclaredOne() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n\nSum {{squares.sum}}, tiny {{squares.tiny}}, ratio {{squares.ratio}}.\n")
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let page = try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8)
        #expect(page.contains("Sum <span class=\"value\">30</span>, tiny <span class=\"value\">1.23 × 10<sup>−4</sup></span>, ratio <span class=\"value\">96.15%</span>."))
    }

    @Test func checkRunsEverythingAndWritesNothing() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let summary = try await Builder.check(options(temp.path + "/never"))
        #expect(summary.figures == 1)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/never"))
    }
}
