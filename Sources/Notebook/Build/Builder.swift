import Foundation

/// The book build as a literal list of stages (DESIGN.md, "Data flow").
public enum Builder {
    public static let pipeline = Pipeline([
        .checkOutputDirectory,
        .readChapters,
        .parseChapters,
        .resolveDirectives,
        .resolveReferences,
        .renderPages,
        .writeOutput,
    ])

    /// What a finished build reports.
    public struct Summary: Sendable {
        public var pages: Int
        public var indexPath: String

        /// `built 8 pages in 0.04 s → output/index.html`
        public func line(seconds: Double) -> String {
            "built \(pages) page\(pages == 1 ? "" : "s") in \(String(format: "%.2f", seconds)) s → \(indexPath)"
        }
    }

    /// Builds the book described by `options`; nothing in the output directory
    /// changes unless every stage succeeds.
    public static func build(_ options: BuildOptions, progress: (String) -> Void = { _ in }) throws(BuildFailure) -> Summary {
        let state = try pipeline.run(BuildState(options: options), progress: progress)
        return Summary(pages: state.book?.pages.count ?? 0, indexPath: joinPath(options.outputDirectory, "index.html"))
    }
}
