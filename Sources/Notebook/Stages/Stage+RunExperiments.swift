import Foundation

extension Stage {
    /// Runs every experiment the book uses, in parallel, from the cache where possible.
    public static let runExperiments = Stage("run experiments") { state async throws(BuildFailure) in
        var state = state
        var ids: [String] = []
        for chapter in state.book?.pages ?? [] {
            for id in state.experimentsUsed[chapter.slug] ?? [] where !ids.contains(id) { ids.append(id) }
        }
        let options = state.options
        let runner = ExperimentRunner(
            registry: options.registry, packageRoot: options.packageRoot,
            cache: options.useCache ? ResultCache(directory: joinPath(options.packageRoot, ".docgen-cache")) : nil,
            jobs: options.jobs)
        let outcomes = await runner.run(ids)
        var diagnostics: [Diagnostic] = []
        for id in ids {
            guard let outcome = outcomes[id] else { continue }
            let how = outcome.fromCache ? "from cache" : "ran"
            state.log.append("    \(id): \(how) in \(String(format: "%.3f", outcome.seconds)) s")
            if let result = outcome.result {
                state.results[id] = result
            } else {
                let location = state.firstUse(of: id)
                diagnostics.append(Diagnostic(path: location?.file ?? id, line: location?.line, column: location?.column,
                                              message: "experiment '\(id)' failed: \(outcome.error ?? "no result")"))
            }
        }
        state.experimentsRun = outcomes.values.filter { !$0.fromCache }.count
        state.experimentsCached = outcomes.values.filter(\.fromCache).count
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return state
    }
}
