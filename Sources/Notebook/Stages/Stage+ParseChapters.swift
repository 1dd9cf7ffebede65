import CommonMark

extension Stage {
    /// Parses every chapter (math protected from cmark) and finds its title.
    public static let parseChapters = Stage("parse chapters") { state async throws(BuildFailure) in
        var state = state
        var diagnostics: [Diagnostic] = []
        var pages: [Chapter] = []
        // Chapters parse independently: up to --jobs at once, results in file order.
        for parsed in await concurrentMap(state.sources, jobs: state.options.jobs, ChapterParser.parse) {
            switch parsed {
            case .success(let chapter): pages.append(chapter)
            case .failure(let failure): diagnostics += failure.diagnostics
            }
        }
        guard diagnostics.isEmpty, let preface = pages.first, preface.number == nil else { throw BuildFailure(diagnostics) }
        state.book = Book(title: preface.title, pages: pages)
        return state
    }
}

/// Turns one source file into a chapter: Markdown tree plus title.
enum ChapterParser {
    static func parse(_ source: SourceFile) -> Result<Chapter, BuildFailure> {
        if source.text.allSatisfy(\.isWhitespace) {
            return .failure(BuildFailure([Diagnostic(path: source.path, line: 1, column: 1, message:
                "empty chapter: a chapter needs at least a '# ' title")]))
        }
        let document: MarkdownNode
        do {
            document = try MarkdownParser.parse(source.text, file: source.path)
        } catch {
            return .failure(BuildFailure([Diagnostic(error.location, error.message)]))
        }
        // Raw HTML and URLs that could run script (HTMLPolicy): every such place at once.
        let unsafe = HTMLPolicy.check(document, source: source.text)
        guard unsafe.isEmpty else { return .failure(BuildFailure(unsafe)) }
        let titles = document.children.filter { $0.kind == .heading(level: 1) }
        guard let title = titles.first else {
            return .failure(BuildFailure([Diagnostic(path: source.path, line: 1, column: 1, message:
                "chapter has no title: start it with a '# ' heading")]))
        }
        let extra = titles.dropFirst().map { heading in
            Diagnostic(heading.range?.start ?? SourceLocation(file: source.path, line: 1, column: 1),
                       "a second '# ' title: a page has one title, use '## ' for its sections")
        }
        guard extra.isEmpty else { return .failure(BuildFailure(Array(extra))) }
        return .success(Chapter(path: source.path, number: source.number, slug: source.slug,
                                title: title.plainText.trimmingWhitespace(), document: document))
    }
}
