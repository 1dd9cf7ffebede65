import Bibliography
import Claims
import CommonMark
import ExperimentKit
import TeXMath
import SourceErrors

/// Stage `parse`: each chapter file into its document tree (DESIGN.md, "The
/// document tree"). Everything an author writes is read here, once: Markdown,
/// math, directive fences and their fields, `{{values}}` and `@references`.
enum Parse {
    /// `unparsed`: pages whose facts the page memo has, left without a tree (`placeholder`).
    static func run(
        _ sources: [SourceFile], bibliography: SourceFile? = nil, settings: BookSettings = BookSettings(), _ context: StageContext,
        unparsed: [Int: PageFacts] = [:]
    ) async throws(Diagnostics) -> Book {
        var diagnostics: [Diagnostic] = []
        var pages = sources.enumerated().map { index, source in unparsed[index].map { placeholder(source, facts: $0) } }
        do {
            for (index, chapter) in try await chapters(sources.indices.filter { unparsed[$0] == nil }, of: sources, context) {
                pages[index] = chapter
            }
        } catch {
            diagnostics += error.diagnostics
        }
        var references: Bibliography?
        if let bibliography {
            do {
                references = try Bibliography(parsing: bibliography.text, file: bibliography.path)
            } catch {
                diagnostics.append(Diagnostic(error))
            }
        }
        try Diagnostics.check(diagnostics)
        // `read` puts the preface (index.md, which every book has) first; book.yml may name the book.
        let chapters = pages.map { $0! }
        return Book(title: settings.title ?? chapters[0].title, pages: chapters, bibliography: references, settings: settings)
    }

    /// The sources at `indices`, parsed independently, up to --jobs at once; every problem of every one.
    static func chapters(_ indices: [Int], of sources: [SourceFile], _ context: StageContext) async throws(Diagnostics) -> [(Int, Chapter)] {
        let packageRoot = context.options.packageRoot
        var diagnostics: [Diagnostic] = []
        var chapters: [(Int, Chapter)] = []
        let parsed = await concurrentMap(indices.map { sources[$0] }, jobs: context.options.jobs) { ChapterParser.parse($0, packageRoot: packageRoot) }
        for (index, result) in zip(indices, parsed) {
            switch result {
            case .success(let chapter): chapters.append((index, chapter))
            case .failure(let failure): diagnostics += failure.diagnostics
            }
        }
        try Diagnostics.check(diagnostics)
        return chapters
    }

    /// A page the page memo has: its place and title, and no tree.
    static func placeholder(_ source: SourceFile, facts: PageFacts) -> Chapter {
        Chapter(path: source.path, number: source.number, slug: source.slug, title: facts.title,
                document: DocumentNode(.markdown(.document)))
    }
}

/// Turns one source file into a chapter: its title and its document tree.
enum ChapterParser {
    static func parse(_ source: SourceFile, packageRoot: String) -> Result<Chapter, Diagnostics> {
        if source.text.allSatisfy(\.isWhitespace) {
            return .failure(Diagnostics(Diagnostic(path: source.path, line: 1, column: 1, message:
                "empty chapter: a chapter needs at least a '# ' title")))
        }
        let markdown: MarkdownNode
        do {
            markdown = try MarkdownParser.parse(source.text, file: source.path)
        } catch {
            return .failure(Diagnostics(Diagnostic(error.location, error.message)))
        }
        // Raw HTML and URLs that could run script (HTMLPolicy): every such place at once.
        let unsafe = HTMLPolicy.check(markdown, source: source.text)
        if let failure = Diagnostics(unsafe) { return .failure(failure) }
        let titles = markdown.children.filter { $0.kind == .heading(level: 1) }
        guard let title = titles.first else {
            return .failure(Diagnostics(Diagnostic(path: source.path, line: 1, column: 1, message:
                "chapter has no title: start it with a '# ' heading")))
        }
        let extra = titles.dropFirst().map { heading in
            Diagnostic(heading.range?.start ?? SourceLocation(file: source.path, line: 1, column: 1),
                       "a second '# ' title: a page has one title, use '## ' for its sections")
        }
        if let failure = Diagnostics(Array(extra)) { return .failure(failure) }
        var builder = DocumentBuilder(packageRoot: packageRoot)
        let document = builder.document(from: markdown)
        if let failure = Diagnostics(builder.diagnostics) { return .failure(failure) }
        return .success(Chapter(path: source.path, number: source.number, slug: source.slug,
                                title: title.plainText.trimmingWhitespace(), document: document))
    }
}

/// cmark's tree into ours: math parsed, directive fences parsed, text cut at
/// `{{values}}` and `@references`. Collects every problem rather than stopping at the first.
struct DocumentBuilder {
    let packageRoot: String
    private(set) var diagnostics: [Diagnostic] = []

    init(packageRoot: String) {
        self.packageRoot = packageRoot
    }

    mutating func document(from markdown: MarkdownNode) -> DocumentNode {
        DocumentNode(.markdown(markdown.kind), children: markdown.children.flatMap { convert($0, inLink: false) }, range: markdown.range)
    }

    private mutating func convert(_ node: MarkdownNode, inLink: Bool) -> [DocumentNode] {
        switch node.kind {
        case .math(let span):
            let start = TextLocation(file: span.texStart.file, line: span.texStart.line, column: span.texStart.column)
            do {
                return [DocumentNode(.math(try TeXFormula(span.tex, style: span.display ? .display : .inline, at: start)), range: node.range)]
            } catch {
                diagnostics.append(Diagnostic(error))
                return []
            }
        case .codeBlock(let info, let literal):
            guard let location = node.range?.start else { break }
            do throws(Diagnostics) {
                if Directive.name(ofInfo: info) == Directive.exercise { return [try exercise(literal, fence: location, range: node.range)] }
                if let kind = try Directive.parse(info: info, literal: literal, location: location, packageRoot: packageRoot) {
                    return [DocumentNode(kind, range: node.range)]
                }
            } catch {
                diagnostics += error.diagnostics
                return []
            }
        case .text(let text):
            return split(text, range: node.range, references: !inLink)
        case .blockQuote:
            do throws(Diagnostics) {
                guard let (kind, title, body) = try Callout.parse(node) else { break }
                let titleNode = DocumentNode(.calloutTitle, children: title.flatMap { convert($0, inLink: false) }, range: node.range)
                return [DocumentNode(.callout(kind), children: [titleNode] + body.flatMap { convert($0, inLink: false) }, range: node.range)]
            } catch {
                diagnostics += error.diagnostics
                return []
            }
        default:
            break
        }
        // A link's text may show values but holds no reference links: links do not nest.
        let inLink = inLink || { if case .link = node.kind { true } else if case .image = node.kind { true } else { false } }()
        return [DocumentNode(.markdown(node.kind), children: Self.mergingText(node.children).flatMap { convert($0, inLink: inLink) }, range: node.range)]
    }

    /// A ` ```exercise ` block: the question's blocks and the solution's, parsed like the rest of the chapter.
    private mutating func exercise(_ literal: String, fence: SourceLocation, range: SourceRange?) throws(Diagnostics) -> DocumentNode {
        let block = try ExerciseBlock(literal, fence: fence)
        let question = try ExerciseBlock.parse(block.question, fence: fence)
        var children = question.children.flatMap { convert($0, inLink: false) }
        if let part = block.solution {
            let solution = try ExerciseBlock.parse(part, fence: fence)
            children.append(DocumentNode(.exerciseSolution, children: solution.children.flatMap { convert($0, inLink: false) }, range: range))
        }
        let exercise = DocumentNode.Exercise(label: block.label, labelLocation: block.labelLocation)
        return DocumentNode(.exercise(exercise), children: children, range: range)
    }

    /// `{{check …}}` or `{{if …}}`, parsed; a choice's words parsed as inline Markdown.
    private mutating func claim(_ body: String, at location: SourceLocation) -> DocumentNode.Claim? {
        let expression: InlineExpression
        do {
            expression = try InlineExpression.parse(body, at: TextLocation(file: location.file, line: location.line, column: location.column))
        } catch {
            diagnostics.append(Diagnostic(error))
            return nil
        }
        var claim = DocumentNode.Claim(expression: expression, location: location)
        if case .choice(_, let then, let otherwise) = expression {
            claim.then = words(then, at: location)
            claim.otherwise = words(otherwise, at: location)
        }
        return claim
    }

    /// Words of a choice as inline Markdown (emphasis, code, math).
    private mutating func words(_ text: String, at location: SourceLocation) -> [DocumentNode] {
        guard !text.isEmpty else { return [] }
        do {
            let parsed = try MarkdownParser.parse(text, file: location.file).shifted(lines: location.line - 1, columns: location.column - 1)
            return parsed.children.flatMap { block in block.children.flatMap { convert($0, inLink: false) } }
        } catch {
            diagnostics.append(Diagnostic(SourceLocation(file: location.file, line: location.line, column: location.column), error.message))
            return []
        }
    }

    /// Adjacent text nodes as one: cmark cuts text at brackets and delimiters that
    /// turned out to be literal (`[@key]` arrives as `[` and `@key]`).
    private static func mergingText(_ nodes: [MarkdownNode]) -> [MarkdownNode] {
        var merged: [MarkdownNode] = []
        for node in nodes {
            if case .text(let text) = node.kind, let last = merged.last, case .text(let previous) = last.kind,
               last.range?.start.line == node.range?.start.line {
                merged[merged.count - 1] = MarkdownNode(.text(previous + text), range: last.range.map { SourceRange(start: $0.start, end: node.range?.end ?? $0.end) })
            } else {
                merged.append(node)
            }
        }
        return merged
    }

    /// A text node cut at its `{{values}}`, and the text between them at its `@references`.
    private mutating func split(_ text: String, range: SourceRange?, references: Bool) -> [DocumentNode] {
        let start = range?.start
        func plain(_ bytes: ArraySlice<UInt8>, at offset: Int) -> [DocumentNode] {
            let piece = String(decoding: bytes, as: UTF8.self)
            guard references else { return [DocumentNode(.markdown(.text(piece)), range: range)] }
            let pieceStart = start.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column + offset) }
            return CitationSyntax.split(piece, range: range, start: pieceStart)
        }
        guard text.containsMarker("{{") else { return plain(ArraySlice(text.utf8), at: 0) }
        let (items, errors) = InlineValue.scanItems(text, at: start)
        diagnostics += errors
        let bytes = Array(text.utf8)
        var nodes: [DocumentNode] = []
        var position = 0
        for item in items {
            let itemRange: Range<Int>
            switch item {
            case .value(let value):
                itemRange = value.range
                if position < itemRange.lowerBound { nodes += plain(bytes[position..<itemRange.lowerBound], at: position) }
                nodes.append(DocumentNode(.value(value), range: range))
            case .expression(let body, let location, let bytesRange):
                itemRange = bytesRange
                if position < itemRange.lowerBound { nodes += plain(bytes[position..<itemRange.lowerBound], at: position) }
                if let claim = claim(body, at: location) { nodes.append(DocumentNode(.claim(claim), range: range)) }
            }
            position = itemRange.upperBound
        }
        if position < bytes.count { nodes += plain(bytes[position...], at: position) }
        return nodes
    }
}
