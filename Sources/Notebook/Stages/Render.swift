import SVGPlot
import TeXMath
import XMLTree

/// Stage `render`: every page of the book, `print.html` and the stylesheet into
/// an in-memory site; the figures' files join it as they are. A page the page memo
/// has (`outputs`, `printSections`) is taken from there; the others are rendered.
enum Render {
    /// The ids print.html's sections must avoid and each chapter's section id there,
    /// from every page's element ids: what each page's print.html section is keyed by.
    struct PrintLayout: Sendable {
        /// Each page's element ids (its labels', its figures' and raw HTML's, its reference list's).
        var elementIds: [Set<String>]
        var printIds: Set<String>
        /// The id of a chapter's section where it is not its slug.
        var chapterIds: [String: String]
    }

    /// `outputs[i]`: page i's output from the memo; the resolved pages' ids come from their trees.
    static func layout(_ resolved: ResolvedBook, outputs: [PageOutput?]) -> PrintLayout {
        let book = resolved.book
        // Headings take ids no other element of their page has: its labels', the ids in
        // its figures' SVG and in its raw HTML; on the single page, every page's and chapter's.
        let labels = Array(resolved.labels.labels.values)
        let resolvedPages = Set(resolved.pages)
        let elementIds = book.pages.enumerated().map { index, page in
            guard resolvedPages.contains(index) else { return outputs[index]!.elementIds }
            return PageIds.of(page).union(labels.filter { $0.slug == page.slug }.map(\.id))
                .union(ReferenceList.ids(of: ReferenceList.citedKeys(page)))
        }
        // On the single page, a chapter's section takes its slug unless another element has it.
        let printElementIds = elementIds.reduce(into: Set(labels.map(\.id))) { $0.formUnion($1) }.union(["content"])
        var sectionIds = Set<String>()
        var chapterIds: [String: String] = [:]
        for page in book.pages {
            var id = page.slug, counter = 2
            while printElementIds.contains(id) || sectionIds.contains(id) {
                id = "\(page.slug)-chapter" + (counter > 2 ? "-\(counter - 1)" : "")
                counter += 1
            }
            sectionIds.insert(id)
            if id != page.slug { chapterIds[page.slug] = id }
        }
        return PrintLayout(elementIds: elementIds, printIds: printElementIds.union(sectionIds), chapterIds: chapterIds)
    }

    /// What rendering gives: the site, and what it rendered for the memo to keep.
    struct Rendered: Sendable {
        var site: Site
        /// The pages rendered here (none from the memo), by index.
        var outputs: [Int: PageOutput]
        /// Where the sections of print.html rendered here are in its bytes, by page index
        /// (the memo keeps them from there, and no second copy of them is held).
        var printSections: [Int: Range<Int>]
    }

    /// `outputs[i]` nil: page i is rendered (it must be resolved); `printSections[i]` nil: its section of
    /// print.html is rendered (likewise). `figureFiles`: the memo's figure files of those outputs, by content id.
    static func run(
        _ resolved: inout ResolvedBook, layout: PrintLayout, outputs: [PageOutput?], printSections: [[UInt8]?],
        figureFiles keptFiles: [String: [UInt8]] = [:], _ context: StageContext
    ) async throws(Diagnostics) -> Rendered {
        // The resolved trees apart from the book, so that each goes once its page is rendered
        // (the caller keeps a book without them): the book's trees at once were most of a build's memory.
        var trees = [DocumentNode?](repeating: nil, count: resolved.book.pages.count)
        for index in resolved.pages {
            trees[index] = resolved.book.pages[index].document
            resolved.book.pages[index].document = DocumentNode(.markdown(.document))
        }
        let book = resolved.book
        var site = Site()
        var diagnostics: [Diagnostic] = []
        let (pageWarnings, derivations, figureFiles) = (resolved.pageWarnings, resolved.derivations, resolved.figureFiles)
        var slugForFile: [String: String] = [:]
        for page in book.pages {
            slugForFile[String(page.path.split(separator: "/").last ?? "")] = page.slug
        }
        var template = PageTemplate(book: book)
        template.listsReferences = book.bibliography != nil && resolved.citedKeys.count > 0
        template.printChapterIds = layout.chapterIds
        let slugs = slugForFile
        let (elementIds, printIds, chapterIds, pageTemplate) = (layout.elementIds, layout.printIds, layout.chapterIds, template)
        let work = book.pages.indices.filter { outputs[$0] == nil || printSections[$0] == nil }
        // Pages are independent: rendered up to --jobs at once, added in book order.
        let renderOne: @Sendable ((Int, Chapter, Bool, Bool)) -> (index: Int, output: PageOutput?, diagnostics: [Diagnostic], printSection: [UInt8]?) = { item in
            let (index, page, renderPage, renderPrint) = item
            var output: PageOutput?, diagnostics: [Diagnostic] = []
            if renderPage {
                var renderer = HTMLRenderer(slugForFile: slugs, layout: .pages(slug: page.slug), takenIds: elementIds[index])
                var content = renderer.render(page.document)
                var outline = renderer.outline
                let citedKeys = ReferenceList.citedKeys(page)
                if let bibliography = book.bibliography, !citedKeys.isEmpty {
                    content += [ReferenceList.section(citedKeys, in: bibliography), .text("\n")]
                    outline.append(OutlineEntry(level: 2, id: ReferenceList.headingId, title: "References"))
                }
                content += page.provenance.map { [$0, .text("\n")] } ?? []
                let document = pageTemplate.document(pageIndex: index, content: content, outline: outline)
                let search = book.settings.search
                    ? SearchIndex.lines(SearchIndex.sections(page: index, title: page.title, content: content, outline: outline)) : ""
                diagnostics = renderer.diagnostics
                // Bytes now, so that no page's element trees (nor its text twice) outlive its turn.
                output = PageOutput(document: Array(document.utf8), elementIds: elementIds[index], search: search,
                                    warnings: pageWarnings[index] ?? [], derivations: derivations[index] ?? 0,
                                    figureFiles: figureFiles[index] ?? [])
            }
            var printSection: [UInt8]?
            if renderPrint {
                var printRenderer = HTMLRenderer(slugForFile: slugs, layout: .singlePage(slug: page.slug), takenIds: printIds)
                printRenderer.chapterIds = chapterIds
                let section = pageTemplate.printSection(page, content: printRenderer.render(page.document) + (page.provenance.map { [$0] } ?? []))
                printSection = Array(section.serialized(.html).utf8)
            }
            return (index: index, output: output, diagnostics: diagnostics, printSection: printSection)
        }
        // A few pages at a time, each given its tree only for its turn.
        var rendered: [(index: Int, output: PageOutput?, diagnostics: [Diagnostic], printSection: [UInt8]?)] = []
        let batch = max(1, context.options.jobs) * 4
        for start in stride(from: 0, to: work.count, by: batch) {
            var items: [(Int, Chapter, Bool, Bool)] = []
            for index in work[start..<min(start + batch, work.count)] {
                var page = book.pages[index]
                if let tree = trees[index] { page.document = tree }
                trees[index] = nil
                items.append((index, page, outputs[index] == nil, printSections[index] == nil))
            }
            rendered += await concurrentMap(items, jobs: context.options.jobs, renderOne)
        }
        var result = Rendered(site: Site(), outputs: [:], printSections: [:])
        var renderedSections: [Int: [UInt8]] = [:]
        for item in rendered {
            diagnostics += item.diagnostics
            if let output = item.output { result.outputs[item.index] = output }
            if let section = item.printSection { renderedSections[item.index] = section }
        }
        try Diagnostics.check(diagnostics)
        var sections: [[UInt8]] = []
        for (index, page) in book.pages.enumerated() {
            let output = outputs[index] ?? result.outputs[index]!
            site.files[page.fileName] = output.document
            if outputs[index] == nil {
                for file in output.figureFiles { site.files[file.path] = file.bytes }
            } else {
                for figure in output.figures { site.files[figure.path] = keptFiles[figure.id] }
            }
            sections.append(printSections[index] ?? renderedSections[index]!)
        }
        if let bibliography = book.bibliography, !resolved.citedKeys.isEmpty {
            sections.append(Array(ReferenceList.section(Array(resolved.citedKeys), in: bibliography).serialized(.html).utf8))
            site.add(GeneratedPage.references.fileName, template.referencesDocument(list: ReferenceList.list(bibliography.entries.map(\.key), in: bibliography)))
        }
        let (print, ranges) = printBytes(template, sections: sections)
        site.files[GeneratedPage.print.fileName] = print
        for index in renderedSections.keys { result.printSections[index] = ranges[index] }
        site.add("assets/style.css", Stylesheet.css + "\n/* Math (TeXMath) */\n" + TeXMathStylesheet.css
            + "\n/* Figures (SVGPlot) */\n" + SVGPlot.Stylesheet.css + "\n")
        if book.settings.search {
            let lines = book.pages.indices.map { (outputs[$0] ?? result.outputs[$0]!).search }
            SearchIndex.add(to: &site, book: book, lines: lines)
        }
        result.site = site
        return result
    }

    /// `print.html` as bytes, the sections appended one by one into the page's frame, so the
    /// whole book is not held once more as one string (at 141 pages it is 14 MB).
    /// With each section's place in the bytes (empty when the frame has no place for them).
    static func printBytes(_ template: PageTemplate, sections: [[UInt8]]) -> (bytes: [UInt8], ranges: [Range<Int>]) {
        // The frame with a marker for the sections, which `printDocument` puts one per line.
        let marker = "\u{E000}docgen-print-sections\u{E000}"
        let frame = template.printDocument(sections: [.raw(marker)])
        guard let place = frame.range(of: "\n" + marker + "\n") else {
            return (Array(template.printDocument(sections: sections.map { .raw(String(decoding: $0, as: UTF8.self)) }).utf8), [])
        }
        var bytes = Array(frame[..<place.lowerBound].utf8)
        bytes.append(UInt8(ascii: "\n"))
        var ranges: [Range<Int>] = []
        for section in sections {
            ranges.append(bytes.count..<(bytes.count + section.count))
            bytes += section
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes += frame[place.upperBound...].utf8
        return (bytes, ranges)
    }
}
