import ExperimentKit
import Foundation

/// Runs an experiment on a thread of its own, so the seconds it takes in a debug
/// build do not hold one of the few threads of Swift's cooperative pool (on
/// Linux, Dispatch's global queues share them) that other suites need meanwhile:
/// the `docgen serve` test polls a child process against a deadline.
func valuesOffPool(_ experiment: any Experiment) async throws -> [String: Double] {
    try await resultOffPool(experiment).values
}

/// The whole result of an experiment, computed on a thread of its own.
func resultOffPool(_ experiment: any Experiment) async throws -> ExperimentResult {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try experiment.run() }) }.start()
    }
}
