/// A parsed directive block of a chapter.
enum Directive: Sendable {
    case figure(FigureDirective)
    case table(TableDirective)
    case listing(Listing)

    /// The info strings that make a fenced block a directive.
    static let names = ["figure", "table", "listing"]

    /// The `experiment:` line, for the name and for errors about it.
    var experimentField: DirectiveFields.Field? {
        switch self {
        case .figure(let figure): figure.fields.fields["experiment"]
        case .table(let table): table.fields.fields["experiment"]
        case .listing: nil
        }
    }
}
