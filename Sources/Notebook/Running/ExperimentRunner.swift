import ExperimentKit
import Foundation

/// Runs the experiments a book uses, in parallel, from the cache where it can.
struct ExperimentRunner: Sendable {
    struct Outcome: Sendable {
        var id: String
        var result: ExperimentResult?
        var fromCache: Bool
        var seconds: Double
        /// Why there is no result, to follow "experiment 'id' ".
        var problem: String?
    }

    var registry: Registry
    var cache: ResultCache?
    var jobs: Int

    /// Results by id; the order of completion never matters to the caller.
    func run(_ ids: [String]) async -> [String: Outcome] {
        let experiments = ids.compactMap { registry[$0] }
        let outcomes = await concurrentMap(experiments, jobs: max(1, jobs)) { self.runOne($0) }
        return Dictionary(outcomes.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
    }

    private func runOne(_ experiment: any Experiment) -> Outcome {
        let start = DispatchTime.now()
        func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9 }
        let key = CacheKey(experiment, code: registry.code)
        // An entry that does not hold exactly the declared outputs is as good as missing.
        if let cached = cache?.load(key), experiment.outputs.mismatches(in: cached.result).isEmpty {
            return Outcome(id: experiment.id, result: cached.result, fromCache: true, seconds: elapsed())
        }
        let result: ExperimentResult
        do {
            result = try experiment.run()
        } catch {
            return Outcome(id: experiment.id, result: nil, fromCache: false, seconds: elapsed(), problem: "failed: \(error)")
        }
        // The contract: the result holds exactly the outputs the experiment declares.
        let mismatches = experiment.outputs.mismatches(in: result)
        guard mismatches.isEmpty else {
            return Outcome(id: experiment.id, result: nil, fromCache: false, seconds: elapsed(), problem: mismatches.joined(separator: "; "))
        }
        cache?.store(result, seconds: elapsed(), for: key)
        return Outcome(id: experiment.id, result: result, fromCache: false, seconds: elapsed())
    }
}
