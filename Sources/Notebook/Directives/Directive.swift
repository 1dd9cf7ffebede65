import CommonMark

/// The fenced blocks docgen gives meaning to (` ```figure `, ` ```table `,
/// ` ```listing `, ` ```derivation `): their info strings and fields are parsed
/// here and nowhere else.
enum Directive {
    /// The info strings of blocks with `key: value` fields.
    static let names = ["figure", "table", "listing"]
    /// The info string of a block of derivation steps.
    static let derivation = "derivation"
    /// The info string of an exercise: a question and its solution in Markdown.
    static let exercise = "exercise"

    /// The fence's name: the first word of its info string (` ```swift title ` → `swift`).
    static func name(ofInfo info: String) -> String {
        info.split(separator: " ").first.map(String.init) ?? ""
    }

    /// A fence tag that looks like a misspelt directive (`figur`, `tabel`,
    /// `derivaton`) rather than a language, so it is not silently shown as code.
    static func typo(_ tag: String) -> String? {
        let all = names + [derivation, exercise]
        guard !tag.isEmpty, !all.contains(tag), Highlighter(info: tag) == nil else { return nil }
        let lowered = tag.lowercased()
        if all.contains(lowered) { return lowered }
        return all.first { Suggestion.distance(lowered, $0) <= 2 }
    }

    /// What a fenced code block whose fence is at `location` is: one of our node
    /// kinds, or nil for code to show. Listings read their source file here.
    static func parse(info: String, literal: String, location: SourceLocation, packageRoot: String) throws(Diagnostics) -> DocumentNode.Kind? {
        let name = name(ofInfo: info)
        if let typo = typo(name) {
            throw Diagnostics(Diagnostic(location, "unknown directive '\(name)' (did you mean '\(typo)'?)"))
        }
        switch name {
        case derivation:
            return .derivation(DocumentNode.Derivation(body: literal, fence: location))
        case "figure":
            return .figure(try FigureDirective(try fields(name, literal, location, FigureDirective.keys)))
        case "table":
            return .table(try TableDirective(try fields(name, literal, location, TableDirective.keys)))
        case "listing":
            return .listing(try Listing.load(try fields(name, literal, location, Listing.keys), packageRoot: packageRoot))
        default:
            return nil
        }
    }

    private static func fields(_ name: String, _ literal: String, _ location: SourceLocation, _ keys: [String]) throws(Diagnostics) -> DirectiveFields {
        try DirectiveFields.parse(name: name, literal: literal, location: location, allowed: keys).get()
    }
}
