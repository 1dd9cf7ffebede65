import CommonMark

extension Stage {
    /// Parses every directive block and inline value, reads listings, checks
    /// that every experiment named exists, and notes every output named for `plan`.
    public static let collectDirectives = Stage("collect directives") { state async throws(BuildFailure) in
        guard let book = state.book else { throw BuildFailure([]) }
        // Asking git takes a few milliseconds of waiting for a child process: do it meanwhile.
        async let commit = GitCommit.current(in: state.options.packageRoot)
        var state = state
        var diagnostics: [Diagnostic] = []
        let registry = state.options.registry
        for chapter in book.pages {
            var used: [String] = []
            func use(_ id: String, at location: SourceLocation) {
                guard registry[id] != nil else {
                    let hint = Suggestion.hint(for: id, in: registry.ids)
                    diagnostics.append(Diagnostic(location, "unknown experiment '\(id)'\(hint)"))
                    return
                }
                if !used.contains(id) { used.append(id) }
                if state.experimentLocations[id] == nil { state.experimentLocations[id] = location }
            }
            chapter.document.forEach { node in
                switch node.kind {
                case .codeBlock(let info, let literal):
                    let name = info.split(separator: " ").first.map(String.init) ?? ""
                    guard let location = node.range?.start else { return }
                    if let typo = Directive.typo(name) {
                        diagnostics.append(Diagnostic(location, "unknown directive '\(name)' (did you mean '\(typo)'?)"))
                        return
                    }
                    guard Directive.names.contains(name) else { return }
                    do throws(BuildFailure) {
                        let directive = try Self.parseDirective(name, literal: literal, location: location, packageRoot: state.options.packageRoot)
                        state.directives[location] = directive
                        if let field = directive.experimentField { use(field.value, at: field.location) }
                        if let output = directive.outputUse { state.outputsUsed.append(output) }
                    } catch {
                        diagnostics += error.diagnostics
                    }
                case .text(let text) where text.containsMarker("{{"):
                    let (values, errors) = InlineValue.scan(text, at: node.range?.start)
                    diagnostics += errors
                    for value in values {
                        use(value.experiment, at: value.location)
                        state.outputsUsed.append(OutputUse(experiment: value.experiment, kind: .value, name: value.key, location: value.location))
                    }
                default:
                    break
                }
            }
            state.experimentsUsed[chapter.slug] = used
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        state.sourceCommit = await commit
        return state
    }

    static func parseDirective(_ name: String, literal: String, location: SourceLocation, packageRoot: String) throws(BuildFailure) -> Directive {
        switch name {
        case "figure":
            return .figure(try FigureDirective(try DirectiveFields.parse(name: name, literal: literal, location: location, allowed: FigureDirective.keys).get()))
        case "table":
            return .table(try TableDirective(try DirectiveFields.parse(name: name, literal: literal, location: location, allowed: TableDirective.keys).get()))
        default:
            let fields = try DirectiveFields.parse(name: name, literal: literal, location: location, allowed: Listing.keys).get()
            return .listing(try Listing.load(fields, packageRoot: packageRoot))
        }
    }
}
