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
    public static func list(_ options: BuildOptions) async throws(BuildFailure) -> (rows: [Row], sources: SourceState) {
        let state = try await Pipeline([.checkSources, .readChapters, .parseChapters, .collectDirectives])
            .run(BuildState(options: options))
        let cache = ResultCache(packageRoot: options.packageRoot)
        let pages = state.book?.pages ?? []
        let rows = options.registry.ids.map { id in
            let entry = options.registry[id].flatMap { cache.load(CacheKey($0, code: options.registry.code)) }
            let users = pages.filter { state.experimentsUsed[$0.slug]?.contains(id) == true }.map(\.slug)
            return Row(id: id, chapters: users, cached: entry != nil, lastRunSeconds: entry?.seconds)
        }
        return (rows, state.sourceState)
    }
}
