import ExperimentKit

/// What a chapter names after an experiment's id: a value (`loss`), a value over
/// the seeds (`loss.mean`, `.sd`, `.min`, `.max`), or a parameter
/// (`param.learning-rate`: its shown name with spaces written as `-`).
enum ValueName: Sendable, Equatable, CustomStringConvertible {
    case value(String)
    case aggregate(String, Aggregate)
    case parameter(String)

    init(_ text: String) {
        if text.hasPrefix("param.") {
            self = .parameter(String(text.dropFirst("param.".count)))
        } else if let dot = text.lastIndex(of: "."), let aggregate = Aggregate(rawValue: String(text[text.index(after: dot)...])) {
            self = .aggregate(String(text[..<dot]), aggregate)
        } else {
            self = .value(text)
        }
    }

    /// As written after the experiment's id.
    var description: String {
        switch self {
        case .value(let key): key
        case .aggregate(let key, let aggregate): "\(key).\(aggregate.rawValue)"
        case .parameter(let name): "param.\(name)"
        }
    }

    /// The parameter of `experiment` that `param.NAME` names.
    static func parameter(_ name: String, of experiment: any Experiment) -> Parameter? {
        experiment.parameters.first { $0.name.replacingOccurrences(of: " ", with: "-") == name }
    }

    /// The names `param.NAME` may take for `experiment`, for "did you mean".
    static func parameterNames(of experiment: any Experiment) -> [String] {
        experiment.parameters.map { $0.name.replacingOccurrences(of: " ", with: "-") }
    }

    /// What is wrong with naming this for `experiment` (declared outputs, seeds,
    /// parameters), with a suggestion; nil when it names something that will exist.
    func problem(in experiment: any Experiment, outputs: Outputs, format: ValueFormat?) -> String? {
        let id = experiment.id
        let seeds = experiment.declaredSeeds?.count ?? 1
        switch self {
        case .value(let key), .aggregate(let key, _):
            let names = outputs.values.map(\.name)
            guard names.contains(key) else {
                return "experiment '\(id)' has no value '\(key)'\(Suggestion.hint(for: key, in: names))"
            }
            if case .aggregate(_, let aggregate) = self, seeds < 2 {
                return "'\(id).\(key).\(aggregate.rawValue)' needs several seeds, and '\(id)' runs one: make it a SeededExperiment"
            }
            if case .plusMinus = format {
                if case .aggregate = self { return "pm:N prints mean ± sd of a value; '\(self)' is one number already" }
                if seeds < 2 { return "pm:N prints mean ± sd over seeds, and '\(id)' runs one: make it a SeededExperiment" }
            }
            return nil
        case .parameter(let name):
            guard Self.parameter(name, of: experiment) != nil else {
                let names = Self.parameterNames(of: experiment)
                return "experiment '\(id)' has no parameter '\(name)'\(Suggestion.hint(for: name, in: names))"
                    + (names.isEmpty ? "" : "; its parameters are \(names.joined(separator: ", "))")
            }
            if case .plusMinus = format { return "pm:N is for values over seeds, not parameters" }
            return nil
        }
    }
}
