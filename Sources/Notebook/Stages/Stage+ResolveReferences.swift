import XMLTree

extension Stage {
    /// Turns `@eq:…`, `@fig:…` and `@tab:…` in prose into numbered links.
    public static let resolveReferences = Stage("resolve references") { state throws(BuildFailure) in
        guard var book = state.book else { throw BuildFailure([]) }
        var state = state
        var diagnostics: [Diagnostic] = []
        let resolver = ReferenceResolver(table: state.labels)
        for index in book.pages.indices {
            switch resolver.resolve(book.pages[index].document) {
            case .success(let document): book.pages[index].document = document
            case .failure(let failure): diagnostics += failure.diagnostics
            }
            // Captions of figures and tables may refer to other numbered things too.
            let slug = book.pages[index].slug
            for (location, block) in book.pages[index].blocks {
                book.pages[index].blocks[location] = resolver.resolveCaptions(block, slug: slug, at: location, diagnostics: &diagnostics)
            }
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics.sorted { ($0.path, $0.line ?? 0) < ($1.path, $1.line ?? 0) }) }
        state.book = book
        return state
    }
}
