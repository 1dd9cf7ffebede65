import ExperimentKit
import Foundation

/// An experiment's results: one per seed (one for an unseeded experiment), the shown run first.
struct ExperimentRuns: Sendable {
    var runs: [ExperimentResult]
    /// The seeds of a seeded experiment, in the order of `runs`.
    var seeds: [UInt64]?

    /// The run tables, figures and `{{exp.key}}` show: the first seed's.
    var shown: ExperimentResult { runs[0] }

    /// A value over all runs, in seed order; nil if a run lacks it.
    func samples(of key: String) -> [Double]? {
        let samples = runs.compactMap { $0.values[key] }
        return samples.count == runs.count ? samples : nil
    }
}

/// What `run` gives back: each experiment's results, and how they were obtained.
struct Results: Sendable {
    var byExperiment: [String: ExperimentRuns] = [:]
    /// Experiments of which at least one run ran, and those entirely from the cache.
    var ran = 0
    var fromCache = 0
    /// One progress line per experiment: ran or from cache, and how long it took.
    var log: [String] = []
}

/// Stage `run`: every experiment the plan names, each seed of each, in parallel,
/// from the cache where the cache holds a result of the same code.
enum Run {
    static func run(_ plan: ExperimentPlan, _ context: StageContext) async throws(Diagnostics) -> Results {
        let options = context.options
        let cache = ResultCache(packageRoot: options.packageRoot, writable: context.sourceState.allowsCacheWrites)
        let runner = ExperimentRunner(registry: options.registry, cache: options.useCache ? cache : nil, jobs: options.jobs)
        let outcomes = await runner.run(plan.experiments)
        var results = Results()
        var diagnostics: [Diagnostic] = []
        for id in plan.experiments {
            guard let outcome = outcomes[id] else { continue }
            let allCached = outcome.fromCache == outcome.runCount
            let seeds = outcome.runCount > 1 ? " (\(outcome.runCount) seeds, \(outcome.fromCache) from cache)" : ""
            results.log.append("    \(id): \(allCached ? "from cache" : "ran") in \(String(format: "%.3f", outcome.seconds)) s\(seeds)")
            if allCached { results.fromCache += 1 } else { results.ran += 1 }
            if let runs = outcome.runs {
                results.byExperiment[id] = ExperimentRuns(runs: runs, seeds: options.registry[id]?.declaredSeeds)
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
