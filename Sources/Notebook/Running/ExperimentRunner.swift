import ExperimentKit
import Foundation

/// Runs the experiments a book uses, in parallel, from the cache where it can.
/// A seeded experiment is one run per seed, each run cached on its own.
struct ExperimentRunner: Sendable {
    /// How one experiment went, over all its seeds.
    struct Outcome: Sendable {
        var id: String
        /// One result per run, in the order of the experiment's seeds; nil if any run failed.
        var runs: [ExperimentResult]?
        /// How many runs came from the cache, of `runCount`.
        var fromCache: Int
        var runCount: Int
        /// The longest run: with enough cores, the time the experiment took.
        var seconds: Double
        /// Why there is no result, to follow "experiment 'id' ".
        var problem: String?
    }

    /// One run: an experiment with one of its seeds, or an unseeded experiment.
    private struct Run: Sendable {
        var id: String
        var experiment: any Experiment
        var seed: UInt64?
    }

    /// How one run went.
    private struct RunOutcome: Sendable {
        var result: ExperimentResult?
        var fromCache: Bool
        var seconds: Double
        var problem: String?
    }

    var registry: Registry
    var cache: ResultCache?
    var jobs: Int

    /// Outcomes by id; every seed of every experiment runs in one parallel pool.
    func run(_ ids: [String]) async -> [String: Outcome] {
        let runs = ids.compactMap { registry[$0] }.flatMap { experiment in
            zip(experiment.runs, experiment.declaredSeeds.map { $0.map(Optional.some) } ?? [nil]).map {
                Run(id: experiment.id, experiment: $0, seed: $1)
            }
        }
        let outcomes = await concurrentMap(runs, jobs: max(1, jobs)) { self.runOne($0) }
        var byId: [String: Outcome] = [:]
        for (run, outcome) in zip(runs, outcomes) {
            var total = byId[run.id] ?? Outcome(id: run.id, runs: [], fromCache: 0, runCount: 0, seconds: 0)
            total.runCount += 1
            total.fromCache += outcome.fromCache ? 1 : 0
            total.seconds = max(total.seconds, outcome.seconds)
            if let result = outcome.result {
                total.runs?.append(result)
            } else if total.problem == nil {
                total.runs = nil
                total.problem = (run.seed.map { "with seed \($0) " } ?? "") + (outcome.problem ?? "gave no result")
            }
            byId[run.id] = total
        }
        return byId
    }

    private func runOne(_ run: Run) -> RunOutcome {
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        let experiment = run.experiment
        let key = CacheKey(experiment, code: registry.code)
        // An entry that does not hold exactly the declared outputs is as good as missing.
        if let cached = cache?.load(key), experiment.outputs.mismatches(in: cached.result).isEmpty {
            return RunOutcome(result: cached.result, fromCache: true, seconds: elapsed())
        }
        let result: ExperimentResult
        do {
            result = try experiment.run()
        } catch {
            return RunOutcome(result: nil, fromCache: false, seconds: elapsed(), problem: "failed: \(error)")
        }
        // The contract: the result holds exactly the outputs the experiment declares.
        let mismatches = experiment.outputs.mismatches(in: result)
        guard mismatches.isEmpty else {
            return RunOutcome(result: nil, fromCache: false, seconds: elapsed(), problem: mismatches.joined(separator: "; "))
        }
        cache?.store(result, seconds: elapsed(), for: key)
        return RunOutcome(result: result, fromCache: false, seconds: elapsed())
    }
}
