import CommonMark

extension Stage {
    /// Turns directive blocks into rendered content: listings read from the package.
    public static let resolveDirectives = Stage("resolve directives") { state throws(BuildFailure) in
        guard var book = state.book else { throw BuildFailure([]) }
        var state = state
        var diagnostics: [Diagnostic] = []
        for index in book.pages.indices {
            let chapter = book.pages[index]
            for node in chapter.document.filter({ if case .codeBlock = $0.kind { true } else { false } }) {
                guard case .codeBlock(let info, let literal) = node.kind, let location = node.range?.start else { continue }
                let name = info.split(separator: " ").first.map(String.init) ?? ""
                do throws(BuildFailure) {
                    switch name {
                    case "listing":
                        let fields = try DirectiveFields.parse(name: name, literal: literal, location: location, allowed: Listing.keys).get()
                        let listing = try Listing.load(fields, packageRoot: state.options.packageRoot)
                        book.pages[index].blocks[location] = listing.render()
                    default:
                        continue
                    }
                } catch {
                    diagnostics += error.diagnostics
                }
            }
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        state.book = book
        return state
    }
}
