import SVGPlot
import TeXMath
import XMLTree

/// Stage `render`: every page of the book, `print.html` and the stylesheet into
/// an in-memory site; the figures' files join it as they are.
enum Render {
    static func run(_ resolved: ResolvedBook, _ context: StageContext) async throws(Diagnostics) -> Site {
        let book = resolved.book
        var site = Site()
        var diagnostics: [Diagnostic] = []
        var slugForFile: [String: String] = [:]
        for page in book.pages {
            slugForFile[String(page.path.split(separator: "/").last ?? "")] = page.slug
        }
        var template = PageTemplate(book: book)
        template.listsReferences = book.bibliography != nil && resolved.citedKeys.count > 0
        let slugs = slugForFile
        // Headings take ids no other element of their page has: its labels', the ids in
        // its figures' SVG and in its raw HTML; on the single page, every page's and chapter's.
        let labels = Array(resolved.labels.labels.values)
        let citedKeys = book.pages.map(ReferenceList.citedKeys)
        let elementIds = book.pages.enumerated().map { index, page in
            PageIds.of(page).union(labels.filter { $0.slug == page.slug }.map(\.id)).union(ReferenceList.ids(of: citedKeys[index]))
        }
        // On the single page, a chapter's section takes its slug unless another element has it.
        let printElementIds = elementIds.reduce(into: Set(labels.map(\.id))) { $0.formUnion($1) }.union(["content"])
        var sectionIds = Set<String>()
        for page in book.pages {
            var id = page.slug, counter = 2
            while printElementIds.contains(id) || sectionIds.contains(id) {
                id = "\(page.slug)-chapter" + (counter > 2 ? "-\(counter - 1)" : "")
                counter += 1
            }
            sectionIds.insert(id)
            if id != page.slug { template.printChapterIds[page.slug] = id }
        }
        let printIds = printElementIds.union(sectionIds)
        let chapterIds = template.printChapterIds, pageTemplate = template
        // Pages are independent: rendered up to --jobs at once, added in book order.
        let rendered = await concurrentMap(Array(book.pages.enumerated()), jobs: context.options.jobs) { index, page in
            var renderer = HTMLRenderer(slugForFile: slugs, layout: .pages(slug: page.slug), takenIds: elementIds[index])
            var content = renderer.render(page.document)
            var outline = renderer.outline
            if let bibliography = book.bibliography, !citedKeys[index].isEmpty {
                content += [ReferenceList.section(citedKeys[index], in: bibliography), .text("\n")]
                outline.append(OutlineEntry(level: 2, id: ReferenceList.headingId, title: "References"))
            }
            content += page.provenance.map { [$0, .text("\n")] } ?? []
            let document = pageTemplate.document(pageIndex: index, content: content, outline: outline)
            var printRenderer = HTMLRenderer(slugForFile: slugs, layout: .singlePage(slug: page.slug), takenIds: printIds)
            printRenderer.chapterIds = chapterIds
            let printSection = pageTemplate.printSection(page, content: printRenderer.render(page.document) + (page.provenance.map { [$0] } ?? []))
            let search = book.settings.search ? SearchIndex.sections(page: index, title: page.title, content: content, outline: outline) : []
            // Bytes and markup now, so that no page's element trees (nor its text twice) outlive its turn.
            return (document: Array(document.utf8), diagnostics: renderer.diagnostics, printSection: Node.raw(printSection.serialized(.html)),
                    search: search)
        }
        var printSections: [Node] = []
        for (page, output) in zip(book.pages, rendered) {
            diagnostics += output.diagnostics
            site.files[page.fileName] = output.document
            printSections.append(output.printSection)
        }
        try Diagnostics.check(diagnostics)
        if let bibliography = book.bibliography, !resolved.citedKeys.isEmpty {
            printSections.append(ReferenceList.section(Array(resolved.citedKeys), in: bibliography))
            site.add(GeneratedPage.references.fileName, template.referencesDocument(list: ReferenceList.list(bibliography.entries.map(\.key), in: bibliography)))
        }
        site.files[GeneratedPage.print.fileName] = printBytes(template, sections: printSections)
        site.add("assets/style.css", Stylesheet.css + "\n/* Math (TeXMath) */\n" + TeXMathStylesheet.css
            + "\n/* Figures (SVGPlot) */\n" + SVGPlot.Stylesheet.css + "\n")
        for (path, bytes) in resolved.figureFiles { site.files[path] = bytes }
        if book.settings.search { SearchIndex.add(to: &site, book: book, sections: rendered.flatMap(\.search)) }
        return site
    }

    /// `print.html` as bytes, the sections appended one by one into the page's frame, so the
    /// whole book is not held once more as one string (at 141 pages it is 14 MB).
    static func printBytes(_ template: PageTemplate, sections: [Node]) -> [UInt8] {
        // The frame with a marker for the sections, which `printDocument` puts one per line.
        let marker = "\u{E000}docgen-print-sections\u{E000}"
        let frame = template.printDocument(sections: [.raw(marker)])
        guard let place = frame.range(of: "\n" + marker + "\n") else { return Array(template.printDocument(sections: sections).utf8) }
        var bytes = Array(frame[..<place.lowerBound].utf8)
        bytes.append(UInt8(ascii: "\n"))
        for section in sections {
            bytes += section.serialized(.html).utf8
            bytes.append(UInt8(ascii: "\n"))
        }
        bytes += frame[place.upperBound...].utf8
        return bytes
    }
}
