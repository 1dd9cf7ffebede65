import Foundation

/// The book build as a literal list of stages (DESIGN.md, "Data flow").
public enum Builder {
    /// Everything up to rendered pages; `docgen check` stops here.
    public static let checkStages: [Stage] = [
        .checkSources,
        .readChapters,
        .parseChapters,
        .collectDirectives,
        .planExperiments,
        .runExperiments,
        .resolveDirectives,
        .typesetMath,
        .resolveReferences,
        .renderPages,
    ]

    public static let pipeline = Pipeline([.checkOutputDirectory] + checkStages + [.writeOutput])

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
    /// changes unless every stage succeeds.
    public static func build(_ options: BuildOptions, progress: (String) -> Void = { _ in }) async throws(BuildFailure) -> Summary {
        let state = try await pipeline.run(BuildState(options: options), progress: progress)
        return Summary(
            pages: state.book?.pages.count ?? 0,
            figures: state.extraFiles.keys.filter { $0.hasSuffix(".svg") }.count,
            derivations: state.derivationsChecked,
            experimentsRun: state.experimentsRun, experimentsCached: state.experimentsCached,
            indexPath: joinPath(options.outputDirectory, "index.html"))
    }

    /// Runs every stage but writing: chapters, experiments, directives, references.
    public static func check(_ options: BuildOptions, progress: (String) -> Void = { _ in }) async throws(BuildFailure) -> Summary {
        let state = try await Pipeline(checkStages).run(BuildState(options: options), progress: progress)
        return Summary(
            pages: state.book?.pages.count ?? 0,
            figures: state.extraFiles.keys.filter { $0.hasSuffix(".svg") }.count,
            derivations: state.derivationsChecked,
            experimentsRun: state.experimentsRun, experimentsCached: state.experimentsCached, indexPath: "")
    }
}
