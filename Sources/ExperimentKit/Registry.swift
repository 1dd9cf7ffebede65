/// The experiments a build can run, by id.
public struct Registry: Sendable {
    public private(set) var experiments: [String: any Experiment] = [:]
    /// The code they were compiled from; part of every cache key.
    public let code: CompiledCode

    public init(_ experiments: [any Experiment], code: CompiledCode) {
        self.code = code
        for experiment in experiments {
            precondition(experiments.filter { $0.id == experiment.id }.count == 1, "duplicate experiment id \(experiment.id)")
            self.experiments[experiment.id] = experiment
        }
    }

    public subscript(id: String) -> (any Experiment)? { experiments[id] }

    public var ids: [String] { experiments.keys.sorted() }
}
