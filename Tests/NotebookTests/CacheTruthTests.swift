import ExperimentKit
import Experiments
import Foundation
import SourceDigest
import Testing
@_spi(Benchmarks) @testable import Notebook

/// The cache keys on the code docgen was compiled from (issue 17).
@Suite struct CacheTruthTests {
    /// The plugin's listing, compiled into the Experiments module, is the one docgen makes of
    /// `Sources/` at start: this test binary was just built from these sources, so they agree.
    @Test func compiledInDigestMatchesTheSourcesItWasBuiltFrom() throws {
        let code = CompiledCode.experimentsModule
        for module in ["Sources/Experiments", "Sources/LossKit", "Sources/SVGPlot", "Sources/XMLTree"] {
            #expect(code.moduleDirectories.contains(module), "\(module) is compiled into the experiments")
        }
        #expect(code.files.contains { $0.path == "Sources/Experiments/NonConvex/SigmoidUnitProblem.swift" })
        #expect(SourceState.of(code, packageRoot: Fixtures.packageRoot.path) == .current)
        let onDisk = try #require(CompiledCode.onDisk(moduleDirectories: code.moduleDirectories,
                                                       packageRoot: Fixtures.packageRoot.path,
                                                       otherPackagesDigest: code.otherPackagesDigest))
        #expect(onDisk.digest == code.digest)
    }

    /// Editing a helper that defines no experiment changes the keys of the experiments that use it.
    @Test func aHelperEditChangesTheKeysOfItsExperiments() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let compiled = CompiledCode.experimentsModule
        for module in compiled.moduleDirectories {
            try FileManager.default.createDirectory(atPath: temp.path + "/" + (module as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: Fixtures.packageRoot.path + "/" + module, toPath: temp.path + "/" + module)
        }
        func code() throws -> CompiledCode {
            try #require(CompiledCode.onDisk(moduleDirectories: compiled.moduleDirectories, packageRoot: temp.path,
                                             otherPackagesDigest: compiled.otherPackagesDigest))
        }
        let users = ["nc-sweep", "nc-surfaces", "nc-descent"]
        let experiments = try users.map { try #require(Registry.book[$0]) }
        let before = try code()
        #expect(before.digest == compiled.digest)

        let helper = temp.path + "/Sources/Experiments/NonConvex/SigmoidUnitProblem.swift"
        let text = try String(contentsOfFile: helper, encoding: .utf8)
        try text.replacingOccurrences(of: "standardDeviation: 1)", with: "standardDeviation: 2)")
            .write(toFile: helper, atomically: true, encoding: .utf8)
        let after = try code()
        for experiment in experiments {
            #expect(CacheKey(experiment, code: before).hash != CacheKey(experiment, code: after).hash, "\(experiment.id)")
        }
        #expect(SourceState.of(before, packageRoot: temp.path)
                == .stale(changedFiles: ["Sources/Experiments/NonConvex/SigmoidUnitProblem.swift"]))
    }

    /// Editor swap files and other hidden files are no edit of the code.
    @Test func hiddenAndNonSourceFilesDoNotCount() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("Sources/Book/Counted.swift", "let a = 1\n")
        let code = try #require(CompiledCode.onDisk(moduleDirectories: ["Sources/Book"], packageRoot: temp.path,
                                                     otherPackagesDigest: ""))
        try temp.write("Sources/Book/.Counted.swift.swp", "swap")
        try temp.write("Sources/Book/notes.txt", "notes")
        #expect(SourceState.of(code, packageRoot: temp.path) == .current)
        try temp.write("Sources/Book/New.swift", "let b = 2\n")
        #expect(SourceState.of(code, packageRoot: temp.path) == .stale(changedFiles: ["Sources/Book/New.swift"]))
        #expect(SourceState.of(code, packageRoot: temp.path + "/elsewhere") == .unchecked)
    }

    /// A stale docgen builds, warns once, and leaves `.docgen-cache/` as it was.
    @Test func aStaleDocgenWritesNothingToTheCache() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Stale\n\nHalf is {{counted.half | fixed:1}}.\n")
        try temp.write("Sources/Book/Counted.swift", "// version A\n")
        let code = try #require(CompiledCode.onDisk(moduleDirectories: ["Sources/Book"], packageRoot: temp.path,
                                                     otherPackagesDigest: ""))
        try temp.write("Sources/Book/Counted.swift", "// version B, not compiled\n")
        let registry = Registry([FixtureExperiments.Counted(source: temp.path + "/Sources/Book/Counted.swift",
                                                            counter: temp.path + "/runs")], code: code)
        let options = BuildOptions(chaptersDirectory: temp.path + "/chapters", outputDirectory: temp.path + "/out",
                                   packageRoot: temp.path, registry: registry, useCache: true, jobs: 1)
        var log: [String] = []
        let summary = try await Builder.build(options) { log.append($0) }
        #expect(summary.experimentsRun == 1)
        #expect(log.filter { $0.contains("docgen was built from other sources than Sources/ holds") }.count == 1)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/.docgen-cache"))
    }
}
