import CommonMark
import ExperimentKit

/// An output of an experiment that a chapter names, and where it names it.
struct OutputUse: Sendable {
    enum Kind: String, Sendable {
        /// `{{experiment.key}}` in prose.
        case value
        /// `plot:` in a ` ```figure ` block.
        case plot
        /// `table:` in a ` ```table ` block.
        case table
    }

    var experiment: String
    var kind: Kind
    var name: String
    var location: SourceLocation
}

extension Stage {
    /// Checks every value, plot and table the chapters name against what its
    /// experiment declares, so that a misspelt name stops the build before
    /// anything runs.
    public static let planExperiments = Stage("plan experiments") { state async throws(BuildFailure) in
        var outputs: [String: Outputs] = [:]
        var diagnostics: [Diagnostic] = []
        for use in state.outputsUsed {
            // `collectDirectives` stopped the build at any unknown experiment.
            guard let experiment = state.options.registry[use.experiment] else { continue }
            let declared = outputs[use.experiment] ?? experiment.outputs
            outputs[use.experiment] = declared
            let names = switch use.kind {
            case .value: declared.values.map(\.name)
            case .plot: declared.figures
            case .table: declared.tables
            }
            guard !names.contains(use.name) else { continue }
            let hint = Suggestion.hint(for: use.name, in: names)
            diagnostics.append(Diagnostic(use.location, "experiment '\(use.experiment)' has no \(use.kind.rawValue) '\(use.name)'\(hint)"))
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        return state
    }
}
