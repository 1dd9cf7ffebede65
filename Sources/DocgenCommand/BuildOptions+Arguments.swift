import ArgumentParser
import ExperimentKit
import Notebook

/// The options `build`, `check`, `list` and `serve` share.
struct BookOptions: ParsableArguments {
    @Option(help: "Directory with index.md and the numbered chapters.")
    var chapters = "chapters"

    @Flag(help: "Run every experiment instead of reusing .docgen-cache/.")
    var noCache = false

    @Option(help: "How many experiments run at once (default: one per core).")
    var jobs: Int = BuildOptions.defaultJobs

    @Flag(help: "Treat warnings (numbers typed by hand, uncited references) as errors.")
    var strict = false

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    }

    /// The options for a build of the book whose registry ``DocgenCommand/main(registry:)`` was given.
    func buildOptions(output: String) -> BuildOptions {
        BuildOptions(
            chaptersDirectory: chapters, outputDirectory: output, packageRoot: ".", registry: DocgenCommand.currentRegistry,
            useCache: !noCache, jobs: jobs, strict: strict)
    }
}
