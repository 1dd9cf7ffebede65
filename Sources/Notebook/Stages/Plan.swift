import Claims
import CommonMark
import ExperimentKit

/// Which experiments the book uses, where, and in what order: what `run` runs
/// and what each page's provenance note lists.
public struct ExperimentPlan: Sendable {
    /// Every experiment the pages name, in reading order of first use.
    public var experiments: [String] = []
    /// The experiments each page uses, by slug, in order of first use on it.
    public var experimentsByPage: [String: [String]] = [:]
    /// Where each experiment is first named; a failed run is reported there.
    var firstUse: [String: SourceLocation] = [:]
    /// Each page's notes of an experiment and its citations, by slug: a page's facts for the page memo.
    var usesByPage: [String: [PageFacts.Use]] = [:]
    var citationsByPage: [String: [PageFacts.Citation]] = [:]
}

/// Stage `plan`: checks every experiment, value, plot and table the pages name
/// against the registry and the experiments' declarations, before anything runs,
/// so a misspelt name costs no run.
enum Plan {
    /// An output a page names, and where.
    private struct OutputUse {
        enum Kind: String {
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
        /// The value as written, for `{{…}}` uses.
        var value: InlineValue?
    }

    /// `unparsed`: the facts of pages whose tree is not there (the page memo has their
    /// output); their experiments are noted and their citations checked from those.
    static func run(_ book: Book, unparsed: [Int: PageFacts] = [:], _ context: StageContext) throws(Diagnostics) -> ExperimentPlan {
        let registry = context.options.registry
        var diagnostics: [Diagnostic] = []
        var plan = ExperimentPlan()
        var uses: [OutputUse] = []
        // Each name a claim uses checked once: an experiment's outputs and parameters are computed
        // (the parameters through a Mirror), and a textbook's claims name the same values thousands of times.
        var verdicts: [String: NameProblem?] = [:]
        for (index, page) in book.pages.enumerated() {
            var used: [String] = []
            var notes: [PageFacts.Use] = []
            var citations: [PageFacts.Citation] = []
            func use(_ experiment: String, at location: SourceLocation, _ kind: OutputUse.Kind, _ name: String, _ nameLocation: SourceLocation,
                     value: InlineValue? = nil) {
                guard registry[experiment] != nil else {
                    let hint = Suggestion.hint(for: experiment, in: registry.ids)
                    diagnostics.append(Diagnostic(location, "unknown experiment '\(experiment)'\(hint)"))
                    return
                }
                note(experiment, at: location)
                uses.append(OutputUse(experiment: experiment, kind: kind, name: name, location: nameLocation, value: value))
            }
            /// The page and the book use `experiment`, first named at `location`.
            func note(_ experiment: String, at location: SourceLocation) {
                // Only a page's first note of an experiment matters to a replay: later ones change nothing.
                if !used.contains(experiment) { notes.append(PageFacts.Use(experiment: experiment, location: MemoPlace(location))) }
                if !used.contains(experiment) { used.append(experiment) }
                if plan.firstUse[experiment] == nil {
                    plan.firstUse[experiment] = location
                    if let seeds = registry[experiment]!.declaredSeeds, seeds.count < 2 || Set(seeds).count != seeds.count {
                        diagnostics.append(Diagnostic(location, "experiment '\(experiment)' declares seeds \(seeds): a seeded experiment runs at least two different seeds"))
                    }
                    plan.experiments.append(experiment)
                }
            }
            /// A cited key that `references.bib` must hold.
            func cite(_ key: String, at location: SourceLocation) {
                citations.append(PageFacts.Citation(key: key, location: MemoPlace(location)))
                guard book.bibliography?[key] == nil else { return }
                if let bibliography = book.bibliography {
                    let hint = bibliography.closestKey(to: key).map { " (did you mean '@\($0)'?)" } ?? ""
                    diagnostics.append(Diagnostic(location, "no entry '\(key)' in \(bibliography.file)\(hint)"))
                } else {
                    diagnostics.append(Diagnostic(location, "citation of '\(key)', but the book has no references.bib beside its chapters"))
                }
            }
            if let facts = unparsed[index] {
                // Checked against the registry when the page was last built; the bibliography may have changed.
                for use in facts.uses { note(use.experiment, at: use.location.location) }
                for citation in facts.citations { cite(citation.key, at: citation.location.location) }
            }
            page.document.forEach { node in
                switch node.kind {
                case .figure(let figure):
                    let fields = figure.fields.fields
                    use(figure.experiment, at: fields["experiment"]!.location, .plot, figure.plot, fields["plot"]!.location)
                    if let band = fields["band"], let experiment = registry[figure.experiment], (experiment.declaredSeeds?.count ?? 1) < 2 {
                        diagnostics.append(Diagnostic(band.location, "a band shows the spread over seeds, and '\(figure.experiment)' runs one: make it a SeededExperiment"))
                    }
                case .table(let table):
                    let fields = table.fields.fields
                    use(table.experiment, at: fields["experiment"]!.location, .table, table.table, fields["table"]!.location)
                case .value(let value):
                    use(value.experiment, at: value.location, .value, value.key, value.location, value: value)
                case .claim(let claim):
                    let expression = claim.expression.expression
                    for use in expression.names {
                        let location = SourceLocation(file: use.location.file, line: use.location.line, column: use.location.column)
                        let verdict = verdicts[use.text] ?? Self.problem(use, in: registry)
                        verdicts[use.text] = verdict
                        switch verdict {
                        case nil: note(use.name.experiment, at: location)
                        case .unknown: diagnostics.append(Diagnostic(expression.unknownName(use, candidates: Self.names(in: registry))))
                        case .unusable(let why): diagnostics.append(Diagnostic(location, why))
                        }
                    }
                case .citation(let citation):
                    for item in citation.items {
                        cite(item.key, at: item.location ?? node.range?.start ?? SourceLocation(file: page.path, line: 1, column: 1))
                    }
                default:
                    break
                }
            }
            plan.experimentsByPage[page.slug] = used
            plan.usesByPage[page.slug] = notes
            plan.citationsByPage[page.slug] = citations
        }
        var outputs: [String: Outputs] = [:]
        var valueProblems: [String: String?] = [:]
        for use in uses {
            // `outputs` is computed: ask each experiment once.
            let experiment = registry[use.experiment]!
            let declared = outputs[use.experiment] ?? experiment.outputs
            outputs[use.experiment] = declared
            if let value = use.value {
                let key = "\(use.experiment) \(value.name) \(value.format.map { "\($0)" } ?? "-")"
                let problem = valueProblems[key] ?? value.name.problem(in: experiment, outputs: declared, format: value.format)
                valueProblems[key] = problem
                if let problem { diagnostics.append(Diagnostic(use.location, problem)) }
                continue
            }
            let names = use.kind == .plot ? declared.figures : declared.tables
            guard !names.contains(use.name) else { continue }
            let hint = Suggestion.hint(for: use.name, in: names)
            diagnostics.append(Diagnostic(use.location, "experiment '\(use.experiment)' has no \(use.kind.rawValue) '\(use.name)'\(hint)"))
        }
        try Diagnostics.check(diagnostics)
        return plan
    }

    /// What is wrong with a name a claim uses.
    private enum NameProblem {
        /// No experiment declares it: reported with the nearest names.
        case unknown
        /// It exists but a claim cannot use it; the sentence says why.
        case unusable(String)
    }

    private static func problem(_ use: NameUse, in registry: Registry) -> NameProblem? {
        guard let experiment = registry[use.name.experiment] else { return .unknown }
        switch use.name.kind {
        case .output:
            guard experiment.outputs.value(use.name.key) != nil else { return .unknown }
        case .parameter:
            guard let parameter = NamedValue.parameter(use.name.key, of: experiment) else { return .unknown }
            guard NamedValue.number(parameter.value) != nil else {
                return .unusable("parameter '\(use.name.key)' of '\(experiment.id)' is \(parameter.value), not a number")
            }
        }
        if let aggregate = use.aggregate, (experiment.declaredSeeds?.count ?? 1) < 2 {
            return .unusable("'\(use.text)' needs several seeds, and '\(experiment.id)' runs one: make it a SeededExperiment (\(aggregate.rawValue) of one run says nothing)")
        }
        return nil
    }

    /// Every name a claim may use: each experiment's values and numeric parameters.
    private static func names(in registry: Registry) -> [ValueName] {
        registry.ids.compactMap { registry[$0] }.flatMap { experiment in
            experiment.outputs.values.map { ValueName(experiment: experiment.id, key: $0.name) }
                + experiment.parameters.filter { NamedValue.number($0.value) != nil }
                    .map { ValueName(experiment: experiment.id, key: NamedValue.slug($0), kind: .parameter) }
        }
    }
}
