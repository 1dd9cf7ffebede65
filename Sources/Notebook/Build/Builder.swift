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
            let recordPath = options.useCache ? OutputRecord.path(packageRoot: options.packageRoot, kind: "outputs", of: output.resolvedPath) : nil
            let record = recordPath.flatMap(OutputRecord.load)
            var (site, summary, memo) = try await site(options, &steps, onDisk: record?.trustedNow(in: output.resolvedPath) ?? [:])
            steps.start("write output")
            var report = try await output.replace(with: site, record: record)
            if report.incomplete {
                // The output changed since the build looked at it, and what the memo kept of it is damaged: once more, reading everything.
                progress("    the output changed during the build: building again")
                steps = Steps(total: 9, progress: progress)
                (site, summary, memo) = try await self.site(options, &steps, onDisk: [:])
                steps.start("write output")
                report = try await output.replace(with: site)
            }
            if let recordPath, memo.writable, let written = report.record { written.store(at: recordPath) }
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
            return try await site(options, &steps, onDisk: [:]).summary
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
    /// is neither resolved nor rendered, and its section of print.html likewise. What the output
    /// already holds (`onDisk`: the pieces the output record vouches for, by path) is not even read:
    /// the site takes it as `StoredBytes`.
    private static func site(_ options: BuildOptions, _ steps: inout Steps, onDisk: [String: [ContentId]])
        async throws(Diagnostics) -> (site: Site, summary: Summary, memo: Memo) {
        do {
            return try await site(options, &steps, onDisk: onDisk, trustingSources: true)
        } catch where error.diagnostics.contains(where: { $0.message == Chapters.notAsRecorded }) {
            // A chapter the sources record vouched for changed while the build ran (or another docgen
            // recorded it): the book was keyed by its old digest. Once more, reading every chapter.
            steps = Steps(total: steps.total, progress: steps.progress)
            steps.progress("    a chapter changed during the build: reading every chapter again")
            return try await site(options, &steps, onDisk: onDisk, trustingSources: false)
        }
    }

    /// `site`, trusting the sources record or not.
    private static func site(_ options: BuildOptions, _ steps: inout Steps, onDisk: [String: [ContentId]], trustingSources: Bool)
        async throws(Diagnostics) -> (site: Site, summary: Summary, memo: Memo) {
        steps.start("check sources")
        let context = checkSources(options, progress: steps.progress)
        steps.start("read chapters")
        let reader = ChapterReader(directory: options.chaptersDirectory)
        // The chapters' digests key everything a page memoises. Those the sources record vouches for
        // (by the states read now, before any file is) are neither computed again nor read: a chapter
        // is read only if its page must be parsed (`Chapters.read`). A file read is stated again after.
        let recordPath = FileRecord<String>.path(packageRoot: options.packageRoot, kind: "sources", of: options.chaptersDirectory)
        let record = options.useCache && trustingSources ? FileRecord<String>.load(recordPath) : nil
        let listed = ((try? FileManager.default.contentsOfDirectory(atPath: options.chaptersDirectory)) ?? []).map { joinPath(options.chaptersDirectory, $0) }
        let statesBefore = FileState.of(listed), statedAt = FileState.clock()
        let recorded = record?.trusted(statesBefore) ?? [:]
        var chapters = Chapters(sources: try reader.read(leavingUnread: Set(recorded.keys)), unread: Set(recorded.keys))
        // Their paths, numbers and slugs (the unread ones' texts are empty here).
        let sources = chapters.sources
        var statesAfter = FileState.of(sources.map(\.path).filter { recorded[$0] == nil })
        for path in recorded.keys { statesAfter[path] = statesBefore[path] }
        let bibliography = try reader.bibliography(), settings = try reader.settings()
        // Asking git takes a few milliseconds of waiting for a child process: do it meanwhile.
        async let sourceCommit = Provenance.sourceCommit(in: options.packageRoot)
        let registry = options.registry, jobs = options.jobs
        let memo = Memo(packageRoot: options.packageRoot, useCache: options.useCache, writable: context.sourceState.allowsCacheWrites,
                        memory: options.memoMemory)
        let digests = await concurrentMap(sources, jobs: jobs) { recorded[$0.path] ?? PageMemo.digest($0) }
        let kept = await concurrentMap(Array(sources.indices), jobs: jobs) { PageMemo.facts(sources[$0], digest: digests[$0], registry: registry, memo: memo) }
        var known: [Int: PageFacts] = [:]
        for (index, facts) in kept.enumerated() { known[index] = facts }
        steps.start("parse chapters")
        try chapters.read(sources.indices.filter { known[$0] == nil }, digests: digests)
        var book = try await Parse.run(chapters.sources, bibliography: bibliography, settings: settings, context, unparsed: known)
        steps.start("plan experiments")
        let plan = try Plan.run(book, unparsed: known, context)
        let facts = book.pages.indices.map { index in known[index] ?? Resolve.facts(of: book.pages[index], plan: plan) }
        steps.start("run experiments")
        let results = try await Run.run(plan, context)
        results.log.forEach(steps.progress)
        steps.start("resolve and render pages")
        let commit = await sourceCommit
        let cites = facts.contains { $0.citations.contains { book.bibliography?[$0.key] != nil } }
        // Numbers every label from the pages' facts: the book's key reads the numbers, and the session resolves with them.
        var session = Resolve.Session(book, facts: facts, plan: plan, results: results, commit: commit, memo: memo, context)
        let bookKey = PageMemo.bookKey(book, labels: session.labels, bibliography: bibliography,
                                       listsReferences: book.bibliography != nil && cites, commit: commit, registry: registry)
        let resultKeys = results.byExperiment.mapValues(PageMemo.resultsKey)
        let listingDigests = PageMemo.listingDigests(facts, packageRoot: options.packageRoot)
        let pageKeys = sources.indices.map { index in
            PageMemo.pageKey(bookKey: bookKey, index: index, source: sources[index], digest: digests[index], facts: facts[index],
                             experiments: plan.experimentsByPage[sources[index].slug] ?? [], results: resultKeys, listingDigests: listingDigests)
        }
        // A kept page's file is read now unless the output holds it (or `serve` has it in memory);
        // if it cannot be, the page is rendered again.
        let fileNames = book.pages.map(\.fileName)
        var outputs = await concurrentMap(Array(pageKeys.indices), jobs: jobs) { index -> PageOutput? in
            let key = pageKeys[index]
            guard var output = memo.load("page", for: key).flatMap({ PageOutput(decoding: $0) { memo.load("html", for: key) } }) else { return nil }
            if memo.inMemory || onDisk[fileNames[index]] != [output.document.id] {
                guard let bytes = output.document.load() else { return nil }
                output.document = .bytes(bytes)
            }
            return output
        }
        // Each figure file once, read now unless the output holds it at every path it has;
        // a page whose figure file is not kept (or damaged) is rendered again.
        var figurePaths: [ContentId: [String]] = [:]
        for output in outputs { for figure in output?.figures ?? [] { figurePaths[figure.id, default: []].append(figure.path) } }
        var figureFiles: [ContentId: SiteFile.Piece] = [:], unreadable = Set<ContentId>()
        for index in outputs.indices {
            for figure in outputs[index]?.figures ?? [] where figureFiles[figure.id] == nil && !unreadable.contains(figure.id) {
                let key = PageOutput.fileKey(path: figure.path, id: figure.id), id = figure.id
                if !memo.inMemory, figurePaths[id]!.allSatisfy({ onDisk[$0] == [id] }) {
                    figureFiles[id] = .stored(StoredBytes(id: id) { memo.load("file", for: key) })
                } else if let bytes = memo.load("file", for: key), ContentId(bytes) == id {
                    figureFiles[id] = .bytes(bytes)
                } else {
                    unreadable.insert(id)
                }
            }
            if outputs[index]?.figures.contains(where: { unreadable.contains($0.id) }) == true { outputs[index] = nil }
        }
        // The pages the memo lacks are parsed (if they were not), resolved and rendered a few at
        // a time, each tree let go once its page is rendered: the book's trees at once were most
        // of a build's memory.
        let (citedKeys, uncited) = Resolve.citations(book.bibliography, facts: facts)
        var slugForFile: [String: String] = [:]
        for page in book.pages { slugForFile[String(page.path.split(separator: "/").last ?? "")] = page.slug }
        // The pages without their trees: what the frame of every page reads (titles, numbers, slugs).
        let pages = book.pages.map { page in
            var frame = page
            frame.document = DocumentNode(.markdown(.document))
            return frame
        }
        var template = PageTemplate(book: Book(title: book.title, pages: pages, bibliography: book.bibliography, settings: book.settings))
        template.listsReferences = book.bibliography != nil && !citedKeys.isEmpty
        var printIds = Render.PrintIds(labels: session.labels, slugs: template.slugs)
        for output in outputs { if let output { printIds.insert(output.elementIds) } }
        var rendered: [Int: PageOutput] = [:], diagnostics: [Diagnostic] = []
        // Each section of print.html rendered here, with the context it was rendered in.
        var sections: [Int: (context: Render.PrintContext, bytes: [UInt8])] = [:]
        let missing = outputs.indices.filter { outputs[$0] == nil }
        let batch = max(1, jobs) * 4
        for indices in batches(missing, of: batch) {
            try await parse(indices, of: &chapters, digests: digests, into: &book, context)
            let resolved = await session.resolve(indices, of: &book)
            let labels = session.labels
            let ids = resolved.map { Render.elementIds(of: $0.page, labels: labels) }
            ids.forEach { printIds.insert($0) }
            let contexts = printIds.contexts(pages)
            let (page, slugs) = (template, slugForFile)
            let results = await concurrentMap(Array(zip(resolved, ids)), jobs: jobs) { item, elementIds in
                let (output, problems) = Render.page(item, elementIds: elementIds, template: page, slugForFile: slugs)
                let section = Render.printSection(item.page, context: contexts[item.index], template: page, slugForFile: slugs)
                return (item.index, output, problems, section)
            }
            for (index, output, problems, section) in results {
                rendered[index] = output
                diagnostics += problems
                sections[index] = (contexts[index], section)
            }
            System.returnFreedMemory()
        }
        try session.check()
        try Diagnostics.check(diagnostics)
        var warnings: [Diagnostic] = uncited
        for index in outputs.indices { warnings += (outputs[index] ?? rendered[index]!).warnings }
        if options.strict, let failure = Diagnostics(warnings) { throw failure }
        warnings.map(\.description).forEach(steps.progress)
        steps.start("assemble the site")
        // Every page's print section in the contexts of the whole book: rendered above in the same,
        // or kept in the memo under it; else the page is resolved again for it.
        let contexts = printIds.contexts(pages)
        let printKeys = pageKeys.indices.map { index in
            PageMemo.printKey(pageKey: pageKeys[index], context: contexts[index].key, sectionId: template.printId(pages[index]))
        }
        var printSections = pageKeys.indices.map { index -> SiteFile.Piece? in
            sections[index].flatMap { $0.context == contexts[index] ? .bytes($0.bytes) : nil }
        }
        sections = [:]
        // A kept section the current print.html holds is not read; the others are, now.
        let unrendered = printSections.indices.filter { printSections[$0] == nil }
        let printOnDisk = Set(onDisk[GeneratedPage.print.fileName] ?? [])
        let keptSections = await concurrentMap(unrendered, jobs: jobs) { index -> SiteFile.Piece? in
            guard !printOnDisk.isEmpty, let piece = memo.stored("print", for: printKeys[index]) else {
                return memo.load("print", for: printKeys[index]).map(SiteFile.Piece.bytes)
            }
            guard case .stored(let stored) = piece, !printOnDisk.contains(stored.id) else { return piece }
            return stored.load().map(SiteFile.Piece.bytes)
        }
        for (index, section) in zip(unrendered, keptSections) { printSections[index] = section }
        let again = printSections.indices.filter { printSections[$0] == nil }
        if !again.isEmpty {
            var book = template.book
            var session = Resolve.Session(book, facts: facts, plan: plan, results: results, commit: commit, memo: memo, context)
            for indices in batches(again, of: batch) {
                try await parse(indices, of: &chapters, digests: digests, into: &book, context)
                let resolved = await session.resolve(indices, of: &book)
                let (page, slugs) = (template, slugForFile)
                let redone = await concurrentMap(resolved, jobs: jobs) { item in
                    Render.printSection(item.page, context: contexts[item.index], template: page, slugForFile: slugs)
                }
                for (item, section) in zip(resolved, redone) { printSections[item.index] = .bytes(section) }
            }
            try session.check()
        }
        // Rendered here: those not looked up in the memo, and those it lacked.
        let renderedSections = Set(printSections.indices).subtracting(unrendered).union(again)
        let pageOutputs = outputs.indices.map { outputs[$0] ?? rendered[$0]! }
        template.printChapterIds = contexts.first?.chapterIds ?? [:]
        let sectionPieces = printSections.map { $0! }
        let site = Render.site(pageOutputs, printSections: sectionPieces, keptFiles: figureFiles,
                               keptOutputs: Set(outputs.indices.filter { outputs[$0] != nil }), template: template, citedKeys: citedKeys)
        // Kept once the site is complete: a build that fails leaves nothing new in the memo but derivations and figures.
        if memo.writable, memo.directory != nil {
            if recorded.count < sources.count {
                // Only the files that did not change while they were read.
                let stable = statesBefore.filter { statesAfter[$0.key] == $0.value }
                FileRecord(states: stable, recordedAt: statedAt, values: Dictionary(uniqueKeysWithValues: zip(sources.map(\.path), digests)))
                    .store(at: recordPath)
            }
            for index in facts.indices where known[index] == nil { PageMemo.store(facts[index], of: sources[index], digest: digests[index], registry: registry, memo: memo) }
            let work = rendered.keys.map { ($0, true) } + renderedSections.map { ($0, false) }
            let (renderedOutputs, rewrite) = (rendered, unreadable)
            _ = await concurrentMap(work, jobs: jobs) { index, isPage in
                guard isPage else {
                    if case .bytes(let bytes) = sectionPieces[index] { memo.store("print", for: printKeys[index], bytes) }
                    return
                }
                guard let output = renderedOutputs[index], case .bytes(let document) = output.document else { return }
                for (file, figure) in zip(output.figureFiles, output.figures) {
                    let key = PageOutput.fileKey(path: figure.path, id: figure.id)
                    if rewrite.contains(figure.id) || !memo.has("file", for: key) { memo.store("file", for: key, file.bytes) }
                }
                memo.store("html", for: pageKeys[index], document)
                memo.store("page", for: pageKeys[index], output.encoded())
            }
        }
        memo.finishBuild()
        let figures = Set(pageOutputs.flatMap { $0.figures.map(\.path) }.filter { $0.hasSuffix(".svg") }).count
        let summary = Summary(pages: sources.count, figures: figures, derivations: pageOutputs.reduce(0) { $0 + $1.derivations },
                              experimentsRun: results.ran, experimentsCached: results.fromCache, indexPath: "")
        return (site, summary, memo)
    }

    /// `indices` in runs of `size`, in order.
    private static func batches(_ indices: [Int], of size: Int) -> [[Int]] {
        stride(from: 0, to: indices.count, by: size).map { Array(indices[$0..<min($0 + size, indices.count)]) }
    }

    /// The pages at `indices` of `book` parsed, where they are placeholders of the page memo.
    private static func parse(_ indices: [Int], of chapters: inout Chapters, digests: [String], into book: inout Book, _ context: StageContext)
        async throws(Diagnostics) {
        let placeholders = indices.filter { book.pages[$0].document.children.isEmpty }
        try chapters.read(placeholders, digests: digests)
        let sources = chapters.sources
        let parsed = try await Parse.chapters(placeholders.filter { !sources[$0].text.isEmpty }, of: sources, context)
        for (index, chapter) in parsed { book.pages[index].document = chapter.document }
    }

    /// The chapters as read, some left unread because the sources record vouches for them
    /// (`ChapterReader.read(leavingUnread:)`): read only when a page must be parsed.
    struct Chapters {
        private(set) var sources: [SourceFile]
        /// The paths of the chapters not read yet.
        private(set) var unread: Set<String>

        /// What `read` throws for a chapter that is not what its record gave: `site` then starts again.
        static let notAsRecorded = "the chapter is not what the sources record gave for it"

        /// Reads the chapters at `indices` that are still unread. Each must have the digest its
        /// record gave (`digests`, by index): a chapter that changed since the build looked at
        /// its state would otherwise be parsed under another text's keys.
        mutating func read(_ indices: [Int], digests: [String]) throws(Diagnostics) {
            var problems: [Diagnostic] = []
            for index in indices where unread.contains(sources[index].path) {
                let path = sources[index].path
                unread.remove(path)
                switch ChapterReader.text(of: path, action: "read the chapter") {
                case .success(let text):
                    sources[index].text = text
                    if PageMemo.digest(sources[index]) != digests[index] {
                        problems.append(Diagnostic(path: path, message: Self.notAsRecorded))
                    }
                case .failure(let problem):
                    problems.append(problem)
                }
            }
            try Diagnostics.check(problems)
        }
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
