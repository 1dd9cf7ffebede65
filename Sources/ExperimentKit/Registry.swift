/// The experiments a build can run, by id, and the code they were compiled from.
public struct Registry: Sendable {
    /// Every experiment, by its ``Experiment/id``.
    public private(set) var experiments: [String: any Experiment] = [:]
    /// The code they were compiled from; part of every cache key.
    public let code: CompiledCode

    /// A registry of `experiments`, whose ids must differ and whose outputs must
    /// each be declared once, compiled from `code`.
    public init(_ experiments: [any Experiment], code: CompiledCode) {
        self.code = code
        for experiment in experiments {
            precondition(experiments.filter { $0.id == experiment.id }.count == 1, "duplicate experiment id \(experiment.id)")
            let duplicates = experiment.outputs.duplicates
            precondition(duplicates.isEmpty, "experiment \(experiment.id) declares \(duplicates.joined(separator: ", ")) twice")
            self.experiments[experiment.id] = experiment
        }
    }

    /// The experiment with `id`, if there is one.
    public subscript(id: String) -> (any Experiment)? { experiments[id] }

    /// Every id, sorted.
    public var ids: [String] { experiments.keys.sorted() }
}
