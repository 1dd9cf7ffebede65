/// A number a claim can name, as the caller looks it up: an experiment's output
/// (`lk-gaussian-fit.sigma-ml`, one value per seed) or one of its parameters
/// (`lk-gaussian-fit.param.samples`, one value).
///
/// Aggregates (`.mean`, `.sd`, `.min`, `.max`) are not part of the name: the
/// evaluator computes them from the seeds, so an environment only ever answers
/// for outputs and parameters.
public struct ValueName: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Whether the name is an output or a parameter.
    public enum Kind: Sendable, Hashable {
        /// `experiment.key`: a value the experiment returns, once per seed.
        case output
        /// `experiment.param.NAME`: a parameter the experiment runs with.
        case parameter
    }

    /// The experiment's id: `lk-gaussian-fit`.
    public var experiment: String
    /// The output's key (`sigma-ml`) or the parameter's name (`samples`).
    public var key: String
    /// Output or parameter.
    public var kind: Kind

    /// The output `key` of `experiment`, or its parameter `key` when `kind` is `.parameter`.
    public init(experiment: String, key: String, kind: Kind = .output) {
        self.experiment = experiment
        self.key = key
        self.kind = kind
    }

    /// The name as a chapter writes it: `exp.key` or `exp.param.NAME`.
    public var description: String {
        switch kind {
        case .output: "\(experiment).\(key)"
        case .parameter: "\(experiment).param.\(key)"
        }
    }

    /// Orders by the written name, so traces and messages list names stably.
    public static func < (a: ValueName, b: ValueName) -> Bool { a.description < b.description }
}
