import ExperimentKit
import Foundation

/// What `run` gives back: each experiment's result, and how it was obtained.
struct Results: Sendable {
    var byExperiment: [String: ExperimentResult] = [:]
    var ran = 0
    var fromCache = 0
    /// One progress line per experiment: ran or from cache, and how long it took.
    var log: [String] = []
}

/// Stage `run`: every experiment the plan names, in parallel, from the cache where
/// the cache holds a result of the same code.
enum Run {
    static func run(_ plan: ExperimentPlan, _ context: StageContext) async throws(Diagnostics) -> Results {
        let options = context.options
        let cache = ResultCache(directory: joinPath(options.packageRoot, ".docgen-cache"),
                                writable: context.sourceState.allowsCacheWrites)
        let runner = ExperimentRunner(registry: options.registry, cache: options.useCache ? cache : nil, jobs: options.jobs)
        let outcomes = await runner.run(plan.experiments)
        var results = Results()
        var diagnostics: [Diagnostic] = []
        for id in plan.experiments {
            guard let outcome = outcomes[id] else { continue }
            results.log.append("    \(id): \(outcome.fromCache ? "from cache" : "ran") in \(String(format: "%.3f", outcome.seconds)) s")
            if outcome.fromCache { results.fromCache += 1 } else { results.ran += 1 }
            if let result = outcome.result {
                results.byExperiment[id] = result
            } else {
                let location = plan.firstUse[id]
                diagnostics.append(Diagnostic(path: location?.file ?? id, line: location?.line, column: location?.column,
                                              message: "experiment '\(id)' \(outcome.problem ?? "gave no result")"))
            }
        }
        try Diagnostics.check(diagnostics)
        return results
    }
}
