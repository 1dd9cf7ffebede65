import Claims
import ExperimentKit

/// What a `{{…}}` value names after its experiment's id: a value (`loss`), a
/// value summarised over the seeds (`loss.mean`, `.sd`, `.min`, `.max`), or a
/// parameter (`param.learning-rate`). The same names claims use (`Claims.ValueName`).
struct NamedValue: Sendable, Equatable, CustomStringConvertible {
    var name: ValueName
    var aggregate: Aggregate?

    init(experiment: String, _ text: String) {
        if text.hasPrefix("param.") {
            name = ValueName(experiment: experiment, key: String(text.dropFirst("param.".count)), kind: .parameter)
        } else if let dot = text.lastIndex(of: "."), let aggregate = Aggregate(rawValue: String(text[text.index(after: dot)...])) {
            name = ValueName(experiment: experiment, key: String(text[..<dot]))
            self.aggregate = aggregate
        } else {
            name = ValueName(experiment: experiment, key: text)
        }
    }

    /// As written after the experiment's id.
    var description: String {
        switch name.kind {
        case .parameter: "param.\(name.key)"
        case .output: name.key + (aggregate.map { ".\($0.rawValue)" } ?? "")
        }
    }

    /// A parameter's name as prose writes it: its shown name with spaces as `-`.
    static func slug(_ parameter: Parameter) -> String {
        parameter.name.replacingOccurrences(of: " ", with: "-")
    }

    /// The parameter of `experiment` that `param.NAME` names.
    static func parameter(_ name: String, of experiment: any Experiment) -> Parameter? {
        experiment.parameters.first { slug($0) == name }
    }

    /// A parameter's value as a number; nil for text and lists.
    static func number(_ value: Parameter.Value) -> Double? {
        switch value {
        case .int(let whole): Double(whole)
        case .double(let real): real
        default: nil
        }
    }

    /// What is wrong with naming this for `experiment` (declared outputs, seeds,
    /// parameters), with a suggestion; nil when it names something that will exist.
    func problem(in experiment: any Experiment, outputs: Outputs, format: ValueFormat?) -> String? {
        let id = experiment.id
        let seeds = experiment.declaredSeeds?.count ?? 1
        let key = name.key
        switch name.kind {
        case .output:
            let names = outputs.values.map(\.name)
            guard names.contains(key) else {
                return "experiment '\(id)' has no value '\(key)'\(Suggestion.hint(for: key, in: names))"
            }
            if let aggregate, seeds < 2 {
                return "'\(id).\(key).\(aggregate.rawValue)' needs several seeds, and '\(id)' runs one: make it a SeededExperiment"
            }
            if case .plusMinus = format {
                if aggregate != nil { return "pm:N prints mean ± sd of a value; '\(self)' is one number already" }
                if seeds < 2 { return "pm:N prints mean ± sd over seeds, and '\(id)' runs one: make it a SeededExperiment" }
            }
            return nil
        case .parameter:
            guard Self.parameter(key, of: experiment) != nil else {
                let names = experiment.parameters.map(Self.slug)
                return "experiment '\(id)' has no parameter '\(key)'\(Suggestion.hint(for: key, in: names))"
                    + (names.isEmpty ? "" : "; its parameters are \(names.joined(separator: ", "))")
            }
            if case .plusMinus = format { return "pm:N is for values over seeds, not parameters" }
            return nil
        }
    }
}
