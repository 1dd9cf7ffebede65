import SVGPlot
import TeXMath
import XMLTree

/// Stage `render`: each resolved page into its file, its section of `print.html`
/// and its part of the search index (`page`, `printSection`), as soon as it is
/// resolved; then the site from every page's output, rendered or from the page memo (`site`).
enum Render {
    /// What a page's section of print.html reads besides its own tree: the ids its headings
    /// must avoid there and each chapter's section id. It is keyed by this in the page memo.
    struct PrintContext: Equatable, Sendable {
        /// The ids elsewhere in print.html that start `<slug>--`, as its headings' ids do: the only ones they could take.
        var takenIds: Set<String>
        /// The id of a chapter's section where it is not its slug.
        var chapterIds: [String: String]

        var key: String {
            PageMemo.idsKey(takenIds) + " " + chapterIds.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        }
    }

    /// Every id of print.html's elements known so far: every label's, and each page's
    /// element ids (its figures', its raw HTML's, its reference list's) once it is known.
    /// A page's print section is rendered with the contexts known when it is resolved
    /// and again at the end if they changed, which takes a page that adds a chapter's
    /// slug or a `<slug>--` id as an element id; no book at hand does.
    struct PrintIds {
        private var ids: Set<String>
        /// The ids holding "--", by every prefix before one: the only ones a heading's id can be.
        private var byPrefix: [Substring: Set<String>] = [:]

        init(labels: LabelTable, slugs: Set<String>) {
            ids = ["content"]
            insert(Self.thatMatter(Set(labels.labels.values.map(\.id)), slugs: slugs))
        }

        mutating func insert(_ more: Set<String>) {
            for id in more where ids.insert(id).inserted { Self.index(id, into: &byPrefix) }
        }

        private static func index(_ id: String, into byPrefix: inout [Substring: Set<String>]) {
            // Every match, overlapping ones too: in `a---b` both `a` and `a-` are prefixes.
            for start in starts(of: "--", in: id) { byPrefix[id[..<start], default: []].insert(id) }
        }

        /// Where `pattern` (ASCII) starts in `id`, overlapping matches included, byte by byte.
        private static func starts(of pattern: StaticString, in id: String) -> [String.Index] {
            let bytes = Array(id.utf8), wanted = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
            guard bytes.count >= wanted.count else { return [] }
            return (0...(bytes.count - wanted.count)).filter { start in
                wanted.indices.allSatisfy { bytes[start + $0] == wanted[$0] }
            }.map { id.utf8.index(id.utf8.startIndex, offsetBy: $0) }
        }

        /// The ids of `ids` a context can depend on: those holding "--", and those a chapter's
        /// section could take (a slug, or a slug then `-chapter`). A page keeps only these.
        static func thatMatter(_ ids: Set<String>, slugs: Set<String>) -> Set<String> {
            ids.filter { id in
                slugs.contains(id) || !starts(of: "--", in: id).isEmpty
                    || starts(of: "-chapter", in: id).contains { slugs.contains(String(id[..<$0])) }
            }
        }

        /// Each page's context: a chapter's section takes its slug unless another element has it.
        func contexts(_ pages: [Chapter]) -> [PrintContext] {
            var sectionIds = Set<String>(), chapterIds: [String: String] = [:]
            for page in pages {
                var id = page.slug, counter = 2
                while ids.contains(id) || sectionIds.contains(id) {
                    id = "\(page.slug)-chapter" + (counter > 2 ? "-\(counter - 1)" : "")
                    counter += 1
                }
                sectionIds.insert(id)
                if id != page.slug { chapterIds[page.slug] = id }
            }
            var byPrefix = byPrefix
            for id in sectionIds where !ids.contains(id) { Self.index(id, into: &byPrefix) }
            return pages.map { PrintContext(takenIds: byPrefix[$0.slug[...]] ?? [], chapterIds: chapterIds) }
        }
    }

    /// The ids of a resolved page's elements other than its headings: its labels', the ids in
    /// its figures' SVG and its raw HTML, its reference list's. Its headings avoid them.
    static func elementIds(of page: Chapter, labels: LabelTable) -> Set<String> {
        PageIds.of(page).union(labels.labels.values.filter { $0.slug == page.slug }.map(\.id))
            .union(ReferenceList.ids(of: ReferenceList.citedKeys(page)))
    }

    /// The page's file and search sections, with what resolving it found; and the problems rendering found.
    static func page(_ resolved: ResolvedPage, elementIds: Set<String>, template: PageTemplate,
                     slugForFile: [String: String]) -> (output: PageOutput, diagnostics: [Diagnostic]) {
        let (index, page, book) = (resolved.index, resolved.page, template.book)
        var renderer = HTMLRenderer(slugForFile: slugForFile, layout: .pages(slug: page.slug), takenIds: elementIds)
        var content = renderer.render(page.document)
        var outline = renderer.outline
        let citedKeys = ReferenceList.citedKeys(page)
        if let bibliography = book.bibliography, !citedKeys.isEmpty {
            content += [ReferenceList.section(citedKeys, in: bibliography), .text("\n")]
            outline.append(OutlineEntry(level: 2, id: ReferenceList.headingId, title: "References"))
        }
        content += page.provenance.map { [$0, .text("\n")] } ?? []
        let document = template.document(pageIndex: index, content: content, outline: outline)
        let search = book.settings.search
            ? SearchIndex.lines(SearchIndex.sections(page: index, title: page.title, content: content, outline: outline)) : ""
        // Bytes now, so that no page's element trees (nor its text twice) outlive its turn.
        let printIds = PrintIds.thatMatter(elementIds, slugs: template.slugs)
        let output = PageOutput(document: Array(document.utf8), elementIds: printIds, search: search, warnings: resolved.warnings,
                                derivations: resolved.derivations, figureFiles: resolved.figureFiles)
        return (output, renderer.diagnostics)
    }

    /// The page's section of print.html.
    static func printSection(_ page: Chapter, context: PrintContext, template: PageTemplate, slugForFile: [String: String]) -> [UInt8] {
        var template = template
        template.printChapterIds = context.chapterIds
        var renderer = HTMLRenderer(slugForFile: slugForFile, layout: .singlePage(slug: page.slug), takenIds: context.takenIds)
        renderer.chapterIds = context.chapterIds
        let section = template.printSection(page, content: renderer.render(page.document) + (page.provenance.map { [$0] } ?? []))
        return Array(section.serialized(.html).utf8)
    }

    /// The site from every page's output and print section, in book order; the figures'
    /// files of outputs from the memo come from `keptFiles` (by content id).
    static func site(_ outputs: [PageOutput], printSections: [SiteFile.Piece], keptFiles: [ContentId: SiteFile.Piece],
                     keptOutputs: Set<Int>, template: PageTemplate, citedKeys: Set<String>) -> Site {
        let book = template.book
        var site = Site()
        for (index, page) in book.pages.enumerated() {
            let output = outputs[index]
            site.files[page.fileName] = SiteFile(parts: [output.document])
            if keptOutputs.contains(index) {
                for figure in output.figures { site.files[figure.path] = keptFiles[figure.id].map { SiteFile(parts: [$0]) } }
            } else {
                for file in output.figureFiles { site.files[file.path] = SiteFile(file.bytes) }
            }
        }
        var sections = printSections
        if let bibliography = book.bibliography, !citedKeys.isEmpty {
            sections.append(.bytes(Array(ReferenceList.section(Array(citedKeys), in: bibliography).serialized(.html).utf8)))
            site.add(GeneratedPage.references.fileName, template.referencesDocument(list: ReferenceList.list(bibliography.entries.map(\.key), in: bibliography)))
        }
        site.files[GeneratedPage.print.fileName] = printFile(template, sections: sections)
        site.add("assets/style.css", Stylesheet.css + "\n/* Math (TeXMath) */\n" + TeXMathStylesheet.css
            + "\n/* Figures (SVGPlot) */\n" + SVGPlot.Stylesheet.css + "\n")
        if book.settings.search {
            SearchIndex.add(to: &site, book: book, lines: outputs.map(\.search))
        }
        return site
    }

    /// `print.html` in pieces: the page's frame around the sections, one a line, each
    /// section its own piece (not copied).
    static func printFile(_ template: PageTemplate, sections: [SiteFile.Piece]) -> SiteFile {
        // The frame with a marker for the sections, which `printDocument` puts one per line.
        let marker = "\u{E000}docgen-print-sections\u{E000}"
        let frame = template.printDocument(sections: [.raw(marker)])
        guard let place = frame.range(of: "\n" + marker + "\n") else {
            preconditionFailure("printDocument puts each section on a line of its own")
        }
        let newline = SiteFile.Piece.bytes([UInt8(ascii: "\n")])
        var pieces = [SiteFile.Piece.bytes(Array(frame[..<place.lowerBound].utf8) + [UInt8(ascii: "\n")])]
        for section in sections { pieces += [section, newline] }
        pieces.append(.bytes(Array(frame[place.upperBound...].utf8)))
        return SiteFile(parts: pieces)
    }
}
