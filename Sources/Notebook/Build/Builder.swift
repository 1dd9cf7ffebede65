import Foundation

/// What every stage may read besides its input: the options, and whether
/// docgen was built from the sources `Sources/` holds.
struct StageContext: Sendable {
    var options: BuildOptions
    var sourceState: SourceState
}

/// The book build as typed stages (DESIGN.md, "Data flow"):
///
///     read [SourceFile] → parse Book → plan ExperimentPlan → run Results
///       → resolve ResolvedBook → render Site → write
///
/// Each stage is a function from its input to its output that throws the
/// problems it found; `docgen check` is the same list without `write`.
public enum Builder {
    /// What a finished build reports.
    public struct Summary: Sendable {
        public var pages: Int
        public var figures: Int
        public var derivations: Int
        public var experimentsRun: Int
        public var experimentsCached: Int
        public var indexPath: String

        /// `built 8 pages, 24 figures (3 experiments ran, 5 from cache) in 0.84 s → output/index.html`
        public func line(seconds: Double) -> String {
            var text = "built \(pages) page\(pages == 1 ? "" : "s")"
            if figures > 0 { text += ", \(figures) figure\(figures == 1 ? "" : "s")" }
            if derivations > 0 { text += ", \(derivations) derivation\(derivations == 1 ? "" : "s") checked" }
            if experimentsRun + experimentsCached > 0 {
                text += " (\(experimentsRun) experiment\(experimentsRun == 1 ? "" : "s") ran, \(experimentsCached) from cache)"
            }
            return text + " in \(String(format: "%.2f", seconds)) s → \(indexPath)"
        }
    }

    /// Builds the book described by `options`; nothing in the output directory
    /// changes unless every stage succeeds. `progress` gets `[i/n] stage` lines
    /// and what the stages report (experiments run, files changed).
    public static func build(_ options: BuildOptions, progress: (String) -> Void = { _ in }) async throws(Diagnostics) -> Summary {
        try await withoutActuallyEscaping(progress) { progress async throws(Diagnostics) in
            var steps = Steps(total: 9, progress: progress)
            steps.start("check output directory")
            let output = try checkOutputDirectory(options)
            var (site, summary) = try await site(options, &steps)
            steps.start("write output")
            let report = try await output.replace(with: site)
            report.notes.forEach(progress)
            progress(report.wrote ? "    \(report.changed) of \(site.files.count) files changed" : "    output unchanged: nothing written")
            summary.indexPath = joinPath(options.outputDirectory, "index.html")
            return summary
        }
    }

    /// Runs every stage but writing: chapters, experiments, values, math, derivations, references, pages.
    public static func check(_ options: BuildOptions, progress: (String) -> Void = { _ in }) async throws(Diagnostics) -> Summary {
        try await withoutActuallyEscaping(progress) { progress async throws(Diagnostics) in
            var steps = Steps(total: 7, progress: progress)
            return try await site(options, &steps).summary
        }
    }

    /// Refuses an output path docgen does not own, before any work is done.
    public static func checkOutputDirectory(_ options: BuildOptions) throws(Diagnostics) -> OutputDirectory {
        try OutputDirectory.validate(options.outputDirectory, chaptersDirectory: options.chaptersDirectory, packageRoot: options.packageRoot)
    }

    /// The stages `build` and `check` share: from the sources to the rendered site. The
    /// document trees end here, before anything is written (the summary keeps counts only).
    private static func site(_ options: BuildOptions, _ steps: inout Steps) async throws(Diagnostics) -> (site: Site, summary: Summary) {
        steps.start("check sources")
        let context = checkSources(options, progress: steps.progress)
        steps.start("read chapters")
        let reader = ChapterReader(directory: options.chaptersDirectory)
        let sources = try reader.read()
        let bibliography = try reader.bibliography(), settings = try reader.settings()
        steps.start("parse chapters")
        let book = try await Parse.run(sources, bibliography: bibliography, settings: settings, context)
        steps.start("plan experiments")
        let plan = try Plan.run(book, context)
        steps.start("run experiments")
        let results = try await Run.run(plan, context)
        results.log.forEach(steps.progress)
        steps.start("resolve values, math, figures and references")
        // `consume`: the parsed trees go as each page is resolved, not at the end of the build.
        let resolved = try await Resolve.run(consume book, plan: plan, results: results, context)
        if options.strict, let failure = Diagnostics(resolved.warnings) { throw failure }
        resolved.warnings.map(\.description).forEach(steps.progress)
        steps.start("render pages")
        let site = try await Render.run(resolved, context)
        return (site, summary(resolved, results, indexPath: ""))
    }

    /// Compares the code docgen was built from with `Sources/`; a stale docgen warns and never writes the cache.
    static func checkSources(_ options: BuildOptions, progress: (String) -> Void) -> StageContext {
        let state = SourceState.of(options.registry.code, packageRoot: options.packageRoot)
        if let warning = state.warning { progress(warning) }
        return StageContext(options: options, sourceState: state)
    }

    private static func summary(_ resolved: ResolvedBook, _ results: Results, indexPath: String) -> Summary {
        Summary(
            pages: resolved.book.pages.count,
            figures: resolved.figureFiles.keys.filter { $0.hasSuffix(".svg") }.count,
            derivations: resolved.derivationsChecked,
            experimentsRun: results.ran, experimentsCached: results.fromCache, indexPath: indexPath)
    }

    /// `[i/n] name` before each stage.
    private struct Steps {
        let total: Int
        let progress: (String) -> Void
        private var done = 0

        init(total: Int, progress: @escaping (String) -> Void) {
            self.total = total
            self.progress = progress
        }

        mutating func start(_ name: String) {
            done += 1
            progress("[\(done)/\(total)] \(name)")
        }
    }
}
