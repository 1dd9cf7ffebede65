import Foundation

extension Stage {
    /// Compares the code docgen was built from with `Sources/`; a stale docgen warns and never writes the cache.
    public static let checkSources = Stage("check sources") { state async throws(BuildFailure) in
        var state = state
        state.sourceState = SourceState.of(state.options.registry.code, packageRoot: state.options.packageRoot)
        if let warning = state.sourceState.warning { state.log.append(warning) }
        return state
    }

    /// Runs every experiment the book uses, in parallel, from the cache where possible.
    public static let runExperiments = Stage("run experiments") { state async throws(BuildFailure) in
        var state = state
        var ids: [String] = []
        for chapter in state.book?.pages ?? [] {
            for id in state.experimentsUsed[chapter.slug] ?? [] where !ids.contains(id) { ids.append(id) }
        }
        let options = state.options
        let cache = ResultCache(packageRoot: options.packageRoot,
                                writable: state.sourceState.allowsCacheWrites)
        let runner = ExperimentRunner(registry: options.registry, cache: options.useCache ? cache : nil, jobs: options.jobs)
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
                                              message: "experiment '\(id)' \(outcome.problem ?? "gave no result")"))
            }
        }
        state.experimentsRun = outcomes.values.filter { !$0.fromCache }.count
        state.experimentsCached = outcomes.values.filter(\.fromCache).count
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return state
    }
}
