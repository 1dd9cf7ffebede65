/// What `docgen list` shows about each registered experiment.
public enum ExperimentCatalog {
    public struct Row: Sendable {
        public var id: String
        /// Slugs of the chapters that use it, in reading order.
        public var chapters: [String]
        public var cached: Bool
        /// How long its cached run took, if there is one.
        public var lastRunSeconds: Double?
    }

    /// The rows, and whether docgen was built from the sources `Sources/` holds.
    public static func list(_ options: BuildOptions) async throws(Diagnostics) -> (rows: [Row], sources: SourceState) {
        // The stages up to `plan`: what the pages use, without running anything.
        let context = Builder.checkSources(options, progress: { _ in })
        let reader = ChapterReader(directory: options.chaptersDirectory)
        let book = try await Parse.run(try reader.read(), bibliography: try reader.bibliography(), settings: try reader.settings(), context)
        let plan = try Plan.run(book, context)
        let cache = ResultCache(packageRoot: options.packageRoot)
        let rows = options.registry.ids.map { id in
            let entry = options.registry[id].flatMap { cache.load(CacheKey($0, code: options.registry.code)) }
            let users = book.pages.filter { plan.experimentsByPage[$0.slug]?.contains(id) == true }.map(\.slug)
            return Row(id: id, chapters: users, cached: entry != nil, lastRunSeconds: entry?.seconds)
        }
        return (rows, context.sourceState)
    }
}
