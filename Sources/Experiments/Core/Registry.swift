/// The experiments a build can run, by id.
public struct Registry: Sendable {
    public private(set) var experiments: [String: any Experiment] = [:]

    public init(_ experiments: [any Experiment]) {
        for experiment in experiments {
            precondition(experiments.filter { $0.id == experiment.id }.count == 1, "duplicate experiment id \(experiment.id)")
            self.experiments[experiment.id] = experiment
        }
    }

    public subscript(id: String) -> (any Experiment)? { experiments[id] }

    public var ids: [String] { experiments.keys.sorted() }
}
