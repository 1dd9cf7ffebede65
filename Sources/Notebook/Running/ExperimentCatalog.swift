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

    public static func list(_ options: BuildOptions) async throws(BuildFailure) -> [Row] {
        let state = try await Pipeline([.readChapters, .parseChapters, .collectDirectives]).run(BuildState(options: options))
        let cache = ResultCache(directory: joinPath(options.packageRoot, ".docgen-cache"))
        let libraryDigest = CacheKey.digest(ofDirectory: joinPath(options.packageRoot, "Sources/LossKit"))
        let pages = state.book?.pages ?? []
        return options.registry.ids.map { id in
            let entry = options.registry[id].flatMap {
                cache.load(CacheKey($0, packageRoot: options.packageRoot, libraryDigest: libraryDigest))
            }
            let users = pages.filter { state.experimentsUsed[$0.slug]?.contains(id) == true }.map(\.slug)
            return Row(id: id, chapters: users, cached: entry != nil, lastRunSeconds: entry?.seconds)
        }
    }
}
