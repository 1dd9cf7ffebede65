import ArgumentParser
import ExperimentKit
import Testing
@testable import DocgenCommand

/// The command line as a library: the commands build with the registry they are
/// given, not with one they import, so another book's docgen is three lines.
@Suite struct DocgenCommandTests {
    @Test func optionsCarryTheRegistryTheCommandWasGiven() throws {
        let options = try DocgenCommand.$registry.withValue(FixtureExperiments.registry) {
            try BookOptions.parse(["--chapters", "book", "--no-cache", "--jobs", "3"]).buildOptions(output: "site")
        }
        #expect(options.registry.ids == FixtureExperiments.registry.ids)
        #expect(options.registry.code.otherPackagesDigest == "NotebookTests fixtures")
        #expect(options.chaptersDirectory == "book" && options.outputDirectory == "site" && options.packageRoot == ".")
        #expect(!options.useCache && options.jobs == 3)
    }

    @Test func everyCommandIsReachable() throws {
        for name in ["build", "check", "list", "serve"] {
            let command = try Docgen.parseAsRoot([name, "--chapters", "book"])
            #expect(command is any AsyncParsableCommand, "\(name)")
        }
        #expect(throws: (any Error).self) { try Docgen.parseAsRoot(["publish"]) }
    }
}
