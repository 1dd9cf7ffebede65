import Bibliography
import Claims
import CommonMark
import ExperimentKit
import SVGPlot
import TeXMath
import XMLTree
import SourceErrors

/// One page once every node of ours has its content: what `render` needs of it.
struct ResolvedPage: Sendable {
    var index: Int
    /// The page with its resolved tree and its provenance note.
    var page: Chapter
    /// Files besides the page: each figure's standalone SVG and its CSV.
    var figureFiles: [(path: String, bytes: [UInt8])]
    var derivations: Int
    /// Numbers typed by hand (warnings that do not stop a build unless it is `--strict`).
    var warnings: [Diagnostic]
}

/// Stage `resolve`: numbers every label, then replaces each node of ours by its
/// content: references by their labels, values by formatted numbers, math by
/// MathML, derivations checked, figures drawn, tables and listings laid out.
enum Resolve {
    /// Resolves pages a few at a time, so that only their trees are resolved at once (issue 24:
    /// the book's resolved trees together were most of a build's memory). Every label is numbered
    /// from the pages' facts first, so a page resolves the same whichever pages come before it.
    struct Session {
        private var resolver: Resolver
        private let plan: ExperimentPlan
        private let provenance: Provenance
        private let typedNumbers: TypedNumbers.Catalog
        private let memo: Memo
        private let jobs: Int
        /// Equal figure files share one buffer: copies of a chapter draw the same figures.
        private var sharedFiles: [ContentId: [UInt8]] = [:]

        init(_ book: Book, facts: [PageFacts], plan: ExperimentPlan, results: Results, commit: String?, memo: Memo, _ context: StageContext) {
            resolver = Resolver(registry: context.options.registry, results: results.byExperiment, bibliography: book.bibliography)
            for (index, page) in book.pages.enumerated() { resolver.number(facts[index].numbered, on: page) }
            self.plan = plan
            provenance = Provenance(registry: context.options.registry, commit: commit)
            typedNumbers = TypedNumbers.Catalog(registry: context.options.registry, results: results.byExperiment)
            self.memo = memo
            jobs = context.options.jobs
        }

        var labels: LabelTable { resolver.labels }

        /// The pages `indices` of `book` resolved, their parsed trees taken out of `book`.
        /// What went wrong is kept for `check`, so the other pages still resolve. Once every label
        /// is numbered a page resolves from its own tree alone, so the pages resolve `jobs` at a
        /// time, each with a resolver of its own, and what they found is added in page order.
        mutating func resolve(_ indices: [Int], of book: inout Book) async -> [ResolvedPage] {
            // Each page's drawings apart (by the file of the figure's fence, the page's), so no task copies the others'.
            let drawn = await resolver.drawFigures(book, pages: indices, jobs: jobs, memo: memo)
            let drawings = Dictionary(grouping: drawn, by: \.key.file).mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.key, $0.value) }) }
            let derivations = await checkDerivations(in: book, pages: indices, jobs: jobs, memo: memo)
            let pages = indices.map { book.pages[$0] }
            for index in indices { book.pages[index].document = DocumentNode(.markdown(.document)) }
            let (base, plan, provenance, typedNumbers) = (resolver.forPage(), plan, provenance, typedNumbers)
            let done = await concurrentMap(Array(zip(indices, pages)), jobs: jobs) { index, page in
                var resolver = base, page = page, drawings = drawings[page.path] ?? [:]
                page.document = resolver.resolve(page.document, on: page, drawings: &drawings, derivations: derivations)
                page.provenance = provenance.note(for: plan.experimentsByPage[page.slug] ?? [], checks: resolver.checks[page.slug] ?? [])
                let warnings = TypedNumbers(experiments: plan.experimentsByPage[page.slug] ?? [], catalog: typedNumbers).warnings(in: page)
                let resolved = ResolvedPage(index: index, page: page, figureFiles: resolver.takeFigureFiles(),
                                            derivations: resolver.derivationsChecked, warnings: warnings)
                return (resolved, resolver)
            }
            return done.map { page, pageResolver in
                resolver.add(pageResolver)
                var page = page
                page.figureFiles = page.figureFiles.map { file in
                    let id = ContentId(file.bytes)
                    if let same = sharedFiles[id], same == file.bytes { return (file.path, same) }
                    sharedFiles[id] = file.bytes
                    return file
                }
                return page
            }
        }

        /// Throws what resolving every page found wrong.
        func check() throws(Diagnostics) {
            try Diagnostics.check(resolver.diagnostics)
        }
    }

    /// The keys of every entry of `references.bib` that a page cites (from the pages' facts:
    /// `plan` checked each key), and a warning for each entry that none cites.
    static func citations(_ bibliography: Bibliography?, facts: [PageFacts]) -> (cited: Set<String>, uncited: [Diagnostic]) {
        let cited = Set(facts.flatMap { $0.citations.map(\.key) }.filter { bibliography?[$0] != nil })
        var uncited: [Diagnostic] = []
        // An entry nobody cites is either a citation forgotten or an entry to remove.
        for entry in bibliography?.entries ?? [] where !cited.contains(entry.key) {
            let location = SourceLocation(file: entry.keyLocation.file, line: entry.keyLocation.line, column: entry.keyLocation.column)
            uncited.append(.warning(location, "entry '\(entry.key)' is never cited"))
        }
        return (cited, uncited)
    }

    /// What a parsed page tells the rest of the book (`PageFacts`), with what `plan` noted on it.
    static func facts(of page: Chapter, plan: ExperimentPlan) -> PageFacts {
        var listings: [String] = []
        page.document.forEach { node in
            if case .listing(let listing) = node.kind, !listings.contains(listing.path) { listings.append(listing.path) }
        }
        return PageFacts(title: page.title, numbered: Resolver.numbered(in: page.document), uses: plan.usesByPage[page.slug] ?? [],
                         citations: plan.citationsByPage[page.slug] ?? [], listings: listings)
    }

    /// Every ` ```derivation ` block of the book, each step evaluated at sampled
    /// points, up to `jobs` blocks at once (they are independent); by fence.
    /// A block whose text an earlier build checked is taken from `memo`, as markup.
    static func checkDerivations(in book: Book, pages: [Int], jobs: Int, memo: Memo) async -> [SourceLocation: Result<Node, LocatedError>] {
        var blocks: [DocumentNode.Derivation] = []
        for index in pages {
            book.pages[index].document.forEach { if case .derivation(let block) = $0.kind { blocks.append(block) } }
        }
        let checked = await concurrentMap(blocks, jobs: jobs) { block in
            Result { () throws(LocatedError) in
                // The figure does not depend on where the block stands: only a failure names its line.
                Node.raw(try memo.text("derivation", for: block.body) { () throws(LocatedError) in
                    try CheckedDerivation(block.body, file: block.fence.file, line: block.fence.line + 1).figure().serialized(.html)
                })
            }
        }
        return Dictionary(zip(blocks.map(\.fence), checked), uniquingKeysWith: { first, _ in first })
    }
}

/// The work of `resolve`, with what it has found so far.
private struct Resolver {
    let registry: Registry
    let results: [String: ExperimentRuns]
    private(set) var labels = LabelTable()
    /// The figure files of the page being resolved, in order.
    private var figureFiles: [(path: String, bytes: [UInt8])] = []
    private(set) var derivationsChecked = 0
    /// The claims and computed words of each page (by slug), in reading order, for its provenance note.
    private(set) var checks: [String: [CheckedClaim]] = [:]
    /// Each exercise's number, by the place of its fence.
    private var exerciseNumbers: [SourceLocation: String] = [:]
    private(set) var diagnostics: [Diagnostic] = []

    let bibliography: Bibliography?

    init(registry: Registry, results: [String: ExperimentRuns], bibliography: Bibliography?) {
        self.registry = registry
        self.results = results
        self.bibliography = bibliography
    }

    /// A resolver for one page: the book's labels and numbers, nothing found yet.
    func forPage() -> Resolver {
        var copy = self
        (copy.figureFiles, copy.derivationsChecked, copy.checks, copy.diagnostics) = ([], 0, [:], [])
        return copy
    }

    /// What a page's resolver (`forPage`) found wrong, added to the book's.
    mutating func add(_ page: Resolver) {
        diagnostics += page.diagnostics
    }

    /// The figure files of the page just resolved, handed over.
    mutating func takeFigureFiles() -> [(path: String, bytes: [UInt8])] {
        defer { figureFiles = [] }
        return figureFiles
    }

    /// The things `document` numbers (equations, figures, tables, exercises), in reading order: part of its page's facts.
    static func numbered(in document: DocumentNode) -> [PageFacts.Numbered] {
        var items: [PageFacts.Numbered] = []
        document.forEach { node in
            switch node.kind {
            case .math(let formula):
                guard let label = formula.label else { return }
                let location = SourceLocation(file: label.location.file, line: label.location.line, column: label.location.column)
                items.append(PageFacts.Numbered(tag: .math, name: label.name, location: MemoPlace(location)))
            case .figure(let figure):
                guard let key = figure.label else { return }
                items.append(PageFacts.Numbered(tag: .label, kind: key.kind.rawValue, name: key.name, location: MemoPlace(figure.fields.fields["label"]!.location)))
            case .table(let table):
                guard let key = table.label else { return }
                items.append(PageFacts.Numbered(tag: .label, kind: key.kind.rawValue, name: key.name, location: MemoPlace(table.fields.fields["label"]!.location)))
            case .exercise(let exercise):
                guard let fence = node.range?.start else { return }
                let labelled = exercise.label != nil && exercise.labelLocation != nil
                items.append(PageFacts.Numbered(tag: .exercise, kind: labelled ? exercise.label!.kind.rawValue : "",
                                                name: labelled ? exercise.label!.name : nil,
                                                location: labelled ? MemoPlace(exercise.labelLocation!) : nil, fence: MemoPlace(fence)))
            default:
                return
            }
        }
        return items
    }

    /// Numbers the labels of equations, figures and tables of `page` (and its exercises), in reading order.
    mutating func number(_ items: [PageFacts.Numbered], on page: Chapter) {
        for item in items {
            do throws(Diagnostics) {
                switch item.tag {
                case .math:
                    guard let name = item.name, let location = item.location?.location else { continue }
                    guard let key = LabelKey(name, as: .eq) else {
                        throw Diagnostics(Diagnostic(location, "equation labels start with 'eq:', like '\\label{eq:\(name)}'"))
                    }
                    _ = try labels.add(key, chapter: page, location: location)
                case .label:
                    guard let kind = Label.Kind(rawValue: item.kind), let name = item.name, let location = item.location?.location else { continue }
                    _ = try labels.add(LabelKey(kind, name), chapter: page, location: location)
                case .exercise:
                    guard let fence = item.fence?.location else { continue }
                    if let kind = Label.Kind(rawValue: item.kind), let name = item.name, let location = item.location?.location {
                        exerciseNumbers[fence] = try labels.add(LabelKey(kind, name), chapter: page, location: location).number
                    } else {
                        exerciseNumbers[fence] = labels.number(.ex, in: page)
                    }
                }
            } catch {
                diagnostics += error.diagnostics
            }
        }
    }

    /// `@fig:x` as a link to its label, or an error with the nearest label of that kind.
    mutating func resolveReference(_ key: LabelKey, at location: SourceLocation?, range: SourceRange?) -> DocumentNode {
        if let label = labels[key.description] { return DocumentNode(.resolved(.reference(label)), range: range) }
        let names = labels.labels.keys.filter { $0.hasPrefix(key.kind.rawValue + ":") }.sorted()
        let hint = Suggestion.hint(for: key.description, in: names, prefix: "@")
        diagnostics.append(Diagnostic(path: location?.file ?? "", line: location?.line, column: location?.column,
                                      message: "reference to unknown label '\(key)'\(hint)"))
        return DocumentNode(.markdown(.text(key.description)), range: range)
    }

    /// A caption with its references resolved.
    mutating func resolveCaption(_ caption: [DocumentNode]) -> [DocumentNode] {
        caption.map { node in
            guard case .reference(let key, let location) = node.kind else { return node }
            return resolveReference(key, at: location, range: node.range)
        }
    }

    /// A caption as a reader sees it ("as in Figure 3.1"), for the SVG's `<title>`;
    /// an unknown label is reported where the caption is resolved.
    func captionText(_ caption: [DocumentNode]) -> String {
        caption.map { node in
            guard case .reference(let key, _) = node.kind else { return node.plainText }
            return labels[key.description]?.referenceText ?? key.description
        }.joined()
    }

    /// Draws every figure of the book, up to `jobs` at once: the figures are
    /// independent, and drawing them is most of this stage. By fence.
    mutating func drawFigures(_ book: Book, pages: [Int], jobs: Int, memo: Memo) async -> [SourceLocation: Result<FigureDirective.Drawing, Diagnostics>] {
        var work: [(fence: SourceLocation, directive: FigureDirective, figure: Figure)] = []
        var problems: [Diagnostic] = []
        for index in pages {
            book.pages[index].document.forEach { node in
                guard case .figure(let directive) = node.kind, let fence = node.range?.start else { return }
                do throws(Diagnostics) {
                    let title = captionText(directive.caption)
                    guard let runs = results[directive.experiment] else {
                        throw Diagnostics(Diagnostic(path: directive.experiment, message: "experiment '\(directive.experiment)' has no result"))
                    }
                    work.append((fence, directive, try directive.figure(in: runs, title: title)))
                } catch {
                    problems += error.diagnostics
                }
            }
        }
        diagnostics += problems
        let drawings = await concurrentMap(work, jobs: jobs) { item in
            Result { () throws(Diagnostics) in try item.directive.draw(item.figure, memo: memo) }
        }
        return Dictionary(zip(work.map(\.fence), drawings), uniquingKeysWith: { first, _ in first })
    }

    /// The page's tree with every node of ours replaced by its content.
    mutating func resolve(
        _ document: DocumentNode, on page: Chapter,
        drawings: inout [SourceLocation: Result<FigureDirective.Drawing, Diagnostics>],
        derivations: [SourceLocation: Result<Node, LocatedError>]
    ) -> DocumentNode {
        numberingExercises(document).rewritten { node -> [DocumentNode]? in
            let content: Node
            do throws(Diagnostics) {
                switch node.kind {
                case .markdown, .callout, .calloutTitle, .exercise, .exerciseSolution:
                    return nil
                case .resolved:
                    return [node]
                case .reference(let key, let location):
                    return [resolveReference(key, at: location, range: node.range)]
                case .claim(let claim):
                    let outcome: InlineOutcome
                    do throws(LocatedError) {
                        outcome = try claim.expression.resolve(in: ResultsEnvironment(registry: registry, results: results))
                    } catch {
                        throw Diagnostics(Diagnostic(error))
                    }
                    let id = "check-\(page.slug)-\((checks[page.slug]?.count ?? 0) + 1)"
                    checks[page.slug, default: []].append(CheckedClaim(id: id, expression: claim.expression.expression.text,
                                                                       sentence: outcome.evaluation.sentence))
                    guard case .choice = claim.expression else {
                        content = .el("sup", [["class": "check"]], [
                            .el("a", [["href": "#" + id], ["title": "Checked: " + outcome.evaluation.sentence], ["aria-label": "checked claim"]], text: "✓"),
                        ])
                        break
                    }
                    // The chosen words may hold math or references of their own, so the list at the
                    // foot of the page shows them as the sentence does, not as their source.
                    let chosen = DocumentNode(.calloutTitle, children: outcome.evaluation.holds ? claim.then : claim.otherwise)
                    let position = checks[page.slug]!.count - 1
                    let words = resolve(chosen, on: page, drawings: &drawings, derivations: derivations).children
                    // Drawn once for the page and print.html alike, so without links: the sentence above has them.
                    var renderer = HTMLRenderer(slugForFile: [:], layout: .pages(slug: page.slug))
                    checks[page.slug]![position].words = renderer.render(DocumentNode(.markdown(.document), children: [
                        DocumentNode(.calloutTitle, children: words),
                    ])).dropLastNewline().map(\.withoutLinks)
                    return words
                case .citation(let citation):
                    // `plan` checked every key against the bibliography.
                    let items = citation.items.compactMap { item -> (key: String, text: String)? in
                        guard let text = bibliography?.citation(item.key, locator: item.locator) else { return nil }
                        return (item.key, text)
                    }
                    return [DocumentNode(.resolved(.citation(items)), range: node.range)]
                case .math(let formula):
                    let number = formula.label.flatMap { labels[$0.name] }?.number
                    // As markup: a page holds thousands of formulas, and their element trees were most of its memory.
                    content = .raw(formula.mathML(number: number).serialized(.html))
                case .value(let value):
                    content = .el("span", [["class": "value"]], try format(value))
                case .listing(let listing):
                    content = listing.render()
                case .derivation(let block):
                    switch derivations[block.fence] {
                    case .success(let figure)?:
                        derivationsChecked += 1
                        content = figure
                    case .failure(let error)?:
                        throw Diagnostics(Diagnostic(error))
                    case nil:
                        return []
                    }
                case .figure(let directive):
                    // A figure that could not be set up (no result) was reported when drawing began.
                    // Taken out: the drawing's files go to `figureFiles`; the batch's drawings go with the batch.
                    guard let fence = node.range?.start, let drawn = drawings.removeValue(forKey: fence) else { return [] }
                    let drawing = try drawn.get()
                    let label = directive.label.flatMap { labels[$0.description] }
                    let (float, files) = directive.float(drawing, number: label, caption: resolveCaption(directive.caption))
                    for (path, bytes) in files.sorted(by: { $0.key < $1.key }) { figureFiles.append((path, bytes)) }
                    return [DocumentNode(.resolved(.float(float)), range: node.range)]
                case .table(let directive):
                    let label = directive.label.flatMap { labels[$0.description] }
                    let float = try directive.float(result(directive.experiment), number: label, caption: resolveCaption(directive.caption))
                    return [DocumentNode(.resolved(.float(float)), range: node.range)]
                }
            } catch {
                diagnostics += error.diagnostics
                return []
            }
            return [DocumentNode(.resolved(.content(content)), range: node.range)]
        }
    }

    /// The tree with each exercise's number in its node.
    private func numberingExercises(_ node: DocumentNode) -> DocumentNode {
        // Most pages have no exercise: leave their tree as it is.
        guard !exerciseNumbers.isEmpty else { return node }
        var copy = node
        if case .exercise(var exercise) = node.kind, let fence = node.range?.start {
            exercise.number = exerciseNumbers[fence]
            copy.kind = .exercise(exercise)
        }
        copy.children = node.children.map(numberingExercises)
        return copy
    }

    /// A value as the chapter asks for it: the shown run's number, a summary over
    /// seeds, or a parameter, in the chapter's format, else the one declared.
    private func format(_ value: InlineValue) throws(Diagnostics) -> [Node] {
        // `plan` checked the name against the declarations, and the runner the results against them.
        func missing() -> Diagnostics {
            Diagnostics(Diagnostic(value.location, "experiment '\(value.experiment)' returned no value '\(value.key)'"))
        }
        guard let runs = results[value.experiment], let experiment = registry[value.experiment] else { throw missing() }
        let number: Double
        var format = value.format
        let named = value.name
        switch named.name.kind {
        case .output:
            let key = named.name.key
            guard let samples = runs.samples(of: key) else { throw missing() }
            format = format ?? experiment.outputs.value(key)?.format
            if let aggregate = named.aggregate {
                guard let summary = aggregate.of(samples) else { throw missing() }
                number = summary
            } else if case .plusMinus(let digits)? = format {
                guard let shown = ValueFormat.plusMinus(samples, digits: digits) else {
                    throw Diagnostics(Diagnostic(value.location, "experiment '\(value.experiment)' gave \(samples) for '\(value.key)', which cannot be printed"))
                }
                return shown
            } else {
                number = samples[0]
            }
        case .parameter:
            let name = named.name.key
            guard let parameter = NamedValue.parameter(name, of: experiment) else { throw missing() }
            guard let parameterNumber = NamedValue.number(parameter.value) else {
                guard format == nil else {
                    throw Diagnostics(Diagnostic(value.location, "parameter '\(name)' of '\(value.experiment)' is \(parameter.value), not a number to format"))
                }
                return [.text(parameter.value.description)]
            }
            guard format != nil else { return [.text(parameter.value.description)] }
            number = parameterNumber
        }
        guard let format, let shown = format.render(number) else {
            throw Diagnostics(Diagnostic(value.location, "experiment '\(value.experiment)' gave \(number) for '\(value.key)', which cannot be printed"))
        }
        return shown
    }

    /// The shown run of experiment `id`: what tables and figures draw.
    private func result(_ id: String) throws(Diagnostics) -> ExperimentResult {
        guard let runs = results[id] else { throw Diagnostics(Diagnostic(path: id, message: "experiment '\(id)' has no result")) }
        return runs.shown
    }
}

/// A claim that held, or words chosen by a condition: listed at the foot of its page.
struct CheckedClaim: Sendable {
    /// The list item's id, which the claim's mark links to.
    var id: String
    /// The expression as written.
    var expression: String
    /// The expression with its values, and whether it held.
    var sentence: String
    /// The words a choice printed, rendered; nil for a claim.
    var words: [Node]?
}

/// The experiments' numbers as claims read them: one value per seed, or a parameter's value.
private struct ResultsEnvironment: ClaimEnvironment {
    let registry: Registry
    let results: [String: ExperimentRuns]

    func values(of name: ValueName) -> [Double]? {
        switch name.kind {
        case .output:
            return results[name.experiment]?.samples(of: name.key)
        case .parameter:
            return registry[name.experiment].flatMap { NamedValue.parameter(name.key, of: $0) }
                .flatMap { NamedValue.number($0.value) }.map { [$0] }
        }
    }
}
