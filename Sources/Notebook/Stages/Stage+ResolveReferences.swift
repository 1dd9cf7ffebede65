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
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        state.book = book
        return state
    }
}
