/// A parsed directive block of a chapter.
enum Directive: Sendable {
    case figure(FigureDirective)
    case table(TableDirective)
    case listing(Listing)

    /// The info strings that make a fenced block a directive.
    static let names = ["figure", "table", "listing"]

    /// A fence tag that looks like a misspelt directive (`figur`, `tabel`,
    /// `derivaton`) rather than a language, so it is not silently shown as code.
    static func typo(_ tag: String) -> String? {
        let all = names + ["derivation"]
        guard !tag.isEmpty, !all.contains(tag), Highlighter(info: tag) == nil else { return nil }
        let lowered = tag.lowercased()
        if all.contains(lowered) { return lowered }
        return all.first { Suggestion.distance(lowered, $0) <= 2 }
    }

    /// The output a figure's `plot:` or a table's `table:` names, at that line.
    var outputUse: OutputUse? {
        switch self {
        case .figure(let figure):
            OutputUse(experiment: figure.experiment, kind: .plot, name: figure.plot, location: figure.fields.fields["plot"]!.location)
        case .table(let table):
            OutputUse(experiment: table.experiment, kind: .table, name: table.table, location: table.fields.fields["table"]!.location)
        case .listing: nil
        }
    }

    /// The `experiment:` line, for the name and for errors about it.
    var experimentField: DirectiveFields.Field? {
        switch self {
        case .figure(let figure): figure.fields.fields["experiment"]
        case .table(let table): table.fields.fields["experiment"]
        case .listing: nil
        }
    }
}
