import CommonMark
import ExperimentKit
import SVGPlot
import XMLTree

extension Stage {
    /// Renders figures, tables and listings, numbers their labels, and puts
    /// experiment values into the prose.
    public static let resolveDirectives = Stage("resolve directives") { state async throws(BuildFailure) in
        guard var book = state.book else { throw BuildFailure([]) }
        var state = state
        var diagnostics: [Diagnostic] = []
        let drawings = await state.drawFigures()
        for index in book.pages.indices {
            let chapter = book.pages[index]
            for node in chapter.document.filter({ if case .codeBlock = $0.kind { true } else { false } }) {
                guard let location = node.range?.start, let directive = state.directives[location] else { continue }
                do throws(BuildFailure) {
                    book.pages[index].blocks[location] = try state.render(directive, in: chapter, drawings: drawings)
                } catch {
                    diagnostics += error.diagnostics
                }
            }
            var valueErrors: [Diagnostic] = []
            book.pages[index].document = chapter.document.rewritten { node in
                guard case .text(let text) = node.kind, text.containsMarker("{{") else { return nil }
                return state.substituteValues(in: text, range: node.range, errors: &valueErrors)
            }
            diagnostics += valueErrors
            book.pages[index].provenance = state.provenance(for: chapter)
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        state.book = book
        return state
    }
}

extension BuildState {
    /// Draws every figure the pages use, up to `jobs` at once: the figures are
    /// independent, and drawing them is most of this stage. Numbers, files and
    /// errors are attached in page order afterwards, by `render`.
    func drawFigures() async -> [SourceLocation: Result<FigureDirective.Drawing, BuildFailure>] {
        var work: [(location: SourceLocation, directive: FigureDirective, figure: Figure)] = []
        for chapter in book?.pages ?? [] {
            chapter.document.forEach { node in
                guard case .codeBlock = node.kind, let location = node.range?.start,
                      case .figure(let directive)? = directives[location], let result = results[directive.experiment],
                      let figure = try? directive.figure(in: result) else { return }
                work.append((location, directive, figure))
            }
        }
        let drawings = await concurrentMap(work, jobs: options.jobs) { item in
            Result { () throws(BuildFailure) in try item.directive.draw(item.figure) }
        }
        return Dictionary(zip(work.map(\.location), drawings), uniquingKeysWith: { first, _ in first })
    }

    /// One directive as page content; figures also add their standalone files.
    mutating func render(
        _ directive: Directive, in chapter: Chapter,
        drawings: [SourceLocation: Result<FigureDirective.Drawing, BuildFailure>] = [:]
    ) throws(BuildFailure) -> Node {
        switch directive {
        case .listing(let listing):
            return listing.render()
        case .figure(let figure):
            let label = try figure.label.map { key throws(BuildFailure) in
                try labels.add(key, chapter: chapter, location: figure.fields.fields["label"]!.location)
            }
            let drawn = try figure.figure(in: result(figure.experiment))
            let drawing = try (drawings[figure.fields.location] ?? Result { () throws(BuildFailure) in try figure.draw(drawn) }).get()
            let (node, files) = figure.render(drawing, number: label)
            for (path, bytes) in files { extraFiles[path] = bytes }
            return node
        case .table(let table):
            let label = try table.label.map { key throws(BuildFailure) in
                try labels.add(key, chapter: chapter, location: table.fields.fields["label"]!.location)
            }
            return try table.render(result(table.experiment), number: label)
        }
    }

    private func result(_ id: String) throws(BuildFailure) -> ExperimentResult {
        guard let result = results[id] else { throw BuildFailure([Diagnostic(path: id, message: "experiment '\(id)' has no result")]) }
        return result
    }

    /// A text node with its `{{…}}` replaced by the formatted numbers.
    func substituteValues(in text: String, range: SourceRange?, errors: inout [Diagnostic]) -> [MarkdownNode] {
        let (values, scanErrors) = InlineValue.scan(text, at: range?.start)
        errors += scanErrors
        let bytes = Array(text.utf8)
        var nodes: [MarkdownNode] = []
        var position = 0
        for value in values {
            if position < value.range.lowerBound {
                nodes.append(MarkdownNode(.text(String(decoding: bytes[position..<value.range.lowerBound], as: UTF8.self)), range: range))
            }
            position = value.range.upperBound
            // `plan` checked the key against the declaration, and the runner the result against it.
            guard let result = results[value.experiment], let number = result.values[value.key],
                  let format = value.format ?? options.registry[value.experiment]?.outputs.value(value.key)?.format else {
                errors.append(Diagnostic(value.location, "experiment '\(value.experiment)' returned no value '\(value.key)'"))
                continue
            }
            guard let shown = format.render(number) else {
                errors.append(Diagnostic(value.location, "experiment '\(value.experiment)' gave \(number) for '\(value.key)', which cannot be printed"))
                continue
            }
            let html = shown.map { $0.serialized() }.joined()
            nodes.append(MarkdownNode(.htmlInline("<span class=\"value\">" + html + "</span>"), range: range))
        }
        if position < bytes.count {
            nodes.append(MarkdownNode(.text(String(decoding: bytes[position...], as: UTF8.self)), range: range))
        }
        return nodes
    }
}
