import Foundation

/// What every stage may read besides its input: the options, and whether
/// docgen was built from the sources `Sources/` holds.
struct StageContext: Sendable {
    var options: BuildOptions
    var sourceState: SourceState
}

/// The book build as typed stages (DESIGN.md, "Data flow"):
///
///     read [SourceFile] → parse Book → plan ExperimentPlan → run Results
///       → resolve ResolvedBook → render Site → write
///
/// Each stage is a function from its input to its output that throws the
/// problems it found; `docgen check` is the same list without `write`.
public enum Builder {
    /// What a finished build reports.
    public struct Summary: Sendable {
        public var pages: Int
        public var figures: Int
        public var derivations: Int
        public var experimentsRun: Int
        public var experimentsCached: Int
        public var indexPath: String

        /// `built 8 pages, 24 figures (3 experiments ran, 5 from cache) in 0.84 s → output/index.html`
        public func line(seconds: Double) -> String {
            var text = "built \(pages) page\(pages == 1 ? "" : "s")"
            if figures > 0 { text += ", \(figures) figure\(figures == 1 ? "" : "s")" }
            if derivations > 0 { text += ", \(derivations) derivation\(derivations == 1 ? "" : "s") checked" }
            if experimentsRun + experimentsCached > 0 {
                text += " (\(experimentsRun) experiment\(experimentsRun == 1 ? "" : "s") ran, \(experimentsCached) from cache)"
            }
            return text + " in \(String(format: "%.2f", seconds)) s → \(indexPath)"
        }
    }

    /// Builds the book described by `options`; nothing in the output directory
    /// changes unless every stage succeeds. `progress` gets `[i/n] stage` lines
    /// and what the stages report (experiments run, files changed).
    public static func build(_ options: BuildOptions, progress: (String) -> Void = { _ in }) async throws(Diagnostics) -> Summary {
        try await withoutActuallyEscaping(progress) { progress async throws(Diagnostics) in
            var steps = Steps(total: 9, progress: progress)
            steps.start("check output directory")
            let output = try checkOutputDirectory(options)
            var (site, summary) = try await site(options, &steps)
            steps.start("write output")
            let report = try await output.replace(with: site)
            report.notes.forEach(progress)
            progress(report.wrote ? "    \(report.changed) of \(site.files.count) files changed" : "    output unchanged: nothing written")
            summary.indexPath = joinPath(options.outputDirectory, "index.html")
            return summary
        }
    }

    /// Runs every stage but writing: chapters, experiments, values, math, derivations, references, pages.
    public static func check(_ options: BuildOptions, progress: (String) -> Void = { _ in }) async throws(Diagnostics) -> Summary {
        try await withoutActuallyEscaping(progress) { progress async throws(Diagnostics) in
            var steps = Steps(total: 7, progress: progress)
            return try await site(options, &steps).summary
        }
    }

    /// Refuses an output path docgen does not own, before any work is done.
    public static func checkOutputDirectory(_ options: BuildOptions) throws(Diagnostics) -> OutputDirectory {
        try OutputDirectory.validate(options.outputDirectory, chaptersDirectory: options.chaptersDirectory, packageRoot: options.packageRoot)
    }

    /// The stages `build` and `check` share: from the sources to the rendered site. The
    /// document trees end here, before anything is written (the summary keeps counts only).
    ///
    /// With the cache on, the page memo (issue 24) spares the work of unchanged pages: a
    /// page whose facts (`PageFacts`, keyed by its bytes) are kept is not parsed to number,
    /// plan and key the book; a page whose output is kept under its key (`PageMemo.pageKey`)
    /// is neither resolved nor rendered, and its section of print.html likewise.
    private static func site(_ options: BuildOptions, _ steps: inout Steps) async throws(Diagnostics) -> (site: Site, summary: Summary) {
        steps.start("check sources")
        let context = checkSources(options, progress: steps.progress)
        steps.start("read chapters")
        let reader = ChapterReader(directory: options.chaptersDirectory)
        let sources = try reader.read()
        let bibliography = try reader.bibliography(), settings = try reader.settings()
        // Asking git takes a few milliseconds of waiting for a child process: do it meanwhile.
        async let sourceCommit = Provenance.sourceCommit(in: options.packageRoot)
        let registry = options.registry, jobs = options.jobs
        let memo = Memo(packageRoot: options.packageRoot, useCache: options.useCache, writable: context.sourceState.allowsCacheWrites)
        let digests = await concurrentMap(sources, jobs: jobs, PageMemo.digest)
        let kept = await concurrentMap(Array(sources.indices), jobs: jobs) { PageMemo.facts(sources[$0], digest: digests[$0], registry: registry, memo: memo) }
        var known: [Int: PageFacts] = [:]
        for (index, facts) in kept.enumerated() { known[index] = facts }
        steps.start("parse chapters")
        var book = try await Parse.run(sources, bibliography: bibliography, settings: settings, context, unparsed: known)
        steps.start("plan experiments")
        let plan = try Plan.run(book, unparsed: known, context)
        let facts = book.pages.indices.map { index in known[index] ?? Resolve.facts(of: book.pages[index], plan: plan) }
        steps.start("run experiments")
        let results = try await Run.run(plan, context)
        results.log.forEach(steps.progress)
        steps.start("resolve values, math, figures and references")
        let commit = await sourceCommit
        let cites = facts.contains { $0.citations.contains { book.bibliography?[$0.key] != nil } }
        let bookKey = PageMemo.bookKey(book, labels: Resolve.labels(of: book, facts: facts, registry: registry), bibliography: bibliography,
                                       listsReferences: book.bibliography != nil && cites, commit: commit, registry: registry)
        let resultKeys = results.byExperiment.mapValues(PageMemo.resultsKey)
        let pageKeys = sources.indices.map { index in
            PageMemo.pageKey(bookKey: bookKey, index: index, source: sources[index], digest: digests[index], facts: facts[index],
                             experiments: plan.experimentsByPage[sources[index].slug] ?? [], results: resultKeys, packageRoot: options.packageRoot)
        }
        var outputs = await concurrentMap(pageKeys, jobs: jobs) { key in memo.load("page", for: key).flatMap(PageOutput.init(decoding:)) }
        // Each figure file once; a page whose file is not kept (or damaged) is rendered again.
        var figureFiles: [String: [UInt8]] = [:], unreadable = Set<String>()
        for index in outputs.indices {
            for figure in outputs[index]?.figures ?? [] where figureFiles[figure.id] == nil {
                if let bytes = memo.load("file", for: PageOutput.fileKey(path: figure.path, id: figure.id)), PageOutput.fileId(bytes) == figure.id {
                    figureFiles[figure.id] = bytes
                } else {
                    unreadable.insert(figure.id)
                }
            }
            if outputs[index]?.figures.contains(where: { unreadable.contains($0.id) }) == true { outputs[index] = nil }
        }
        // The pages the memo lacks are parsed (if they were not) and resolved.
        let missing = outputs.indices.filter { outputs[$0] == nil }
        try await parse(missing, of: sources, into: &book, context)
        // `consume`: the parsed trees go as each page is resolved, not at the end of the build.
        var resolved = try await Resolve.run(consume book, facts: facts, pages: missing, plan: plan, results: results, commit: commit,
                                             memo: memo, context)
        var warnings: [Diagnostic] = resolved.uncited
        for index in outputs.indices { warnings += outputs[index]?.warnings ?? resolved.pageWarnings[index] ?? [] }
        if options.strict, let failure = Diagnostics(warnings) { throw failure }
        warnings.map(\.description).forEach(steps.progress)
        steps.start("render pages")
        let layout = Render.layout(resolved, outputs: outputs)
        let chapterIds: [String] = layout.chapterIds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let printIdsKey = PageMemo.idsKey(layout.printIds) + " " + chapterIds.joined(separator: ",")
        let printKeys = pageKeys.enumerated().map { index, key in
            PageMemo.printKey(pageKey: key, printIdsKey: printIdsKey, sectionId: resolved.book.pages[index].slug)
        }
        let printSections = await concurrentMap(printKeys, jobs: jobs) { memo.load("print", for: $0) }
        // A page whose section of print.html must be rendered again (other pages' ids changed) is resolved too.
        let again = printSections.indices.filter { printSections[$0] == nil && outputs[$0] != nil }
        if !again.isEmpty {
            var book = resolved.book
            try await parse(again, of: sources, into: &book, context)
            let more = try await Resolve.run(consume book, facts: facts, pages: again, plan: plan, results: results, commit: commit,
                                             memo: memo, context)
            resolved.book = more.book
            resolved.pages = (resolved.pages + again).sorted()
        }
        let rendered = try await Render.run(&resolved, layout: layout, outputs: outputs, printSections: printSections,
                                            figureFiles: figureFiles, context)
        // Kept once the site is complete: a build that fails leaves nothing new in the memo but derivations and figures.
        if memo.writable, memo.directory != nil {
            for index in facts.indices where known[index] == nil { PageMemo.store(facts[index], of: sources[index], digest: digests[index], registry: registry, memo: memo) }
            let print = rendered.site.files[GeneratedPage.print.fileName] ?? []
            let work = rendered.outputs.keys.map { ($0, true) } + rendered.printSections.keys.map { ($0, false) }
            let (renderedOutputs, ranges, rewrite) = (rendered.outputs, rendered.printSections, unreadable)
            _ = await concurrentMap(work, jobs: jobs) { index, isPage in
                guard isPage else {
                    if let range = ranges[index], range.upperBound <= print.count { memo.store("print", for: printKeys[index], Array(print[range])) }
                    return
                }
                guard let output = renderedOutputs[index], let bytes = output.encoded() else { return }
                for (file, figure) in zip(output.figureFiles, output.figures) {
                    let key = PageOutput.fileKey(path: figure.path, id: figure.id)
                    if rewrite.contains(figure.id) || !memo.has("file", for: key) { memo.store("file", for: key, file.bytes) }
                }
                memo.store("page", for: pageKeys[index], bytes)
            }
        }
        let pageOutputs = outputs.indices.map { outputs[$0] ?? rendered.outputs[$0]! }
        let figures = Set(pageOutputs.flatMap { $0.figures.map(\.path) }.filter { $0.hasSuffix(".svg") }).count
        let summary = Summary(pages: sources.count, figures: figures, derivations: pageOutputs.reduce(0) { $0 + $1.derivations },
                              experimentsRun: results.ran, experimentsCached: results.fromCache, indexPath: "")
        return (rendered.site, summary)
    }

    /// The pages at `indices` of `book` parsed, where they are placeholders of the page memo.
    private static func parse(_ indices: [Int], of sources: [SourceFile], into book: inout Book, _ context: StageContext) async throws(Diagnostics) {
        let placeholders = indices.filter { book.pages[$0].document.children.isEmpty && !sources[$0].text.isEmpty }
        for (index, chapter) in try await Parse.chapters(placeholders, of: sources, context) { book.pages[index].document = chapter.document }
    }

    /// Compares the code docgen was built from with `Sources/`; a stale docgen warns and never writes the cache.
    static func checkSources(_ options: BuildOptions, progress: (String) -> Void) -> StageContext {
        let state = SourceState.of(options.registry.code, packageRoot: options.packageRoot)
        if let warning = state.warning { progress(warning) }
        return StageContext(options: options, sourceState: state)
    }

    /// `[i/n] name` before each stage.
    private struct Steps {
        let total: Int
        let progress: (String) -> Void
        private var done = 0

        init(total: Int, progress: @escaping (String) -> Void) {
            self.total = total
            self.progress = progress
        }

        mutating func start(_ name: String) {
            done += 1
            progress("[\(done)/\(total)] \(name)")
        }
    }
}
