import CommonMark
import TeXMath
import XMLTree

extension Stage {
    /// Turns every `$…$` and `$$…$$` into MathML, numbers labelled equations, and
    /// checks every ` ```derivation ` block at sampled points.
    public static let typesetMath = Stage("typeset math and check derivations") { state async throws(BuildFailure) in
        guard var book = state.book else { throw BuildFailure([]) }
        var state = state
        var diagnostics: [Diagnostic] = []
        let derivations = await checkDerivations(in: book, jobs: state.options.jobs)
        for index in book.pages.indices {
            let chapter = book.pages[index]
            // Pass 1: parse every formula and number the labels in reading order.
            var formulas: [SourceLocation: (formula: TeXFormula, number: String?)] = [:]
            chapter.document.forEach { node in
                guard case .math(let span) = node.kind else { return }
                let start = TeXLocation(file: span.texStart.file, line: span.texStart.line, column: span.texStart.column)
                do {
                    let formula = try TeXFormula(span.tex, style: span.display ? .display : .inline, at: start)
                    var number: String?
                    if let label = formula.label {
                        number = try state.registerEquation(label, in: chapter).number
                    }
                    formulas[span.texStart] = (formula, number)
                } catch let error as TeXMathError {
                    diagnostics.append(Diagnostic(error))
                } catch let error as BuildFailure {
                    diagnostics += error.diagnostics
                } catch {
                    diagnostics.append(Diagnostic(span.texStart, "\(error)"))
                }
            }
            // Pass 2: put the MathML where the TeX was.
            book.pages[index].document = chapter.document.rewritten { node in
                guard case .math(let span) = node.kind, let (formula, number) = formulas[span.texStart] else { return nil }
                let html = formula.mathML(number: number).serialized(.html)
                return [MarkdownNode(span.display ? .htmlBlock(html) : .htmlInline(html), range: node.range)]
            }
            // Derivations: checked above, attached in page order.
            for (fence, checked) in derivations[index] {
                switch checked {
                case .success(let figure):
                    book.pages[index].blocks[fence] = figure
                    state.derivationsChecked += 1
                case .failure(let error):
                    diagnostics.append(Diagnostic(error))
                }
            }
        }
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
        state.book = book
        return state
    }
}

extension Stage {
    /// Every ` ```derivation ` block of every page, each step evaluated at sampled
    /// points, up to `jobs` blocks at once (they are independent); per page, in order.
    static func checkDerivations(in book: Book, jobs: Int) async -> [[(SourceLocation, Result<Node, TeXMathError>)]] {
        var blocks: [(page: Int, fence: SourceLocation, body: String)] = []
        for (index, chapter) in book.pages.enumerated() {
            for node in chapter.document.filter({ if case .codeBlock(let info, _) = $0.kind { info.hasPrefix("derivation") } else { false } }) {
                guard case .codeBlock(_, let body) = node.kind, let fence = node.range?.start else { continue }
                blocks.append((index, fence, body))
            }
        }
        let checked = await concurrentMap(blocks, jobs: jobs) { block in
            Result { () throws(TeXMathError) in
                try CheckedDerivation(block.body, file: block.fence.file, line: block.fence.line + 1).figure()
            }
        }
        var pages = [[(SourceLocation, Result<Node, TeXMathError>)]](repeating: [], count: book.pages.count)
        for (block, result) in zip(blocks, checked) { pages[block.page].append((block.fence, result)) }
        return pages
    }
}

extension BuildState {
    /// Numbers `\label{eq:name}`; labels of equations must start with `eq:`.
    mutating func registerEquation(_ label: EquationLabel, in chapter: Chapter) throws(BuildFailure) -> Label {
        let location = SourceLocation(file: label.location.file, line: label.location.line, column: label.location.column)
        guard let key = LabelKey(label.name, as: .eq) else {
            throw BuildFailure([Diagnostic(location, "equation labels start with 'eq:', like '\\label{eq:\(label.name)}'")])
        }
        return try labels.add(key, chapter: chapter, location: location)
    }
}

extension Diagnostic {
    /// A TeX error with its source line and caret under the offending token.
    init(_ error: TeXMathError) {
        // A very long line (20,000 braces) is shown as a window around the caret.
        var line = Array(error.sourceLine)
        var caret = Array(error.caret)
        let column = caret.firstIndex(of: "^") ?? 0
        if line.count > 100 {
            let start = max(0, column - 50)
            let end = min(line.count, start + 100)
            line = (start > 0 ? ["…"] : []) + Array(line[start..<end]) + (end < line.count ? ["…"] : [])
            caret = (start > 0 ? [" "] : []) + Array(caret[min(start, caret.count)..<min(end, caret.count)])
        }
        self.init(path: error.location.file, line: error.location.line, column: error.location.column,
                  message: error.message, detail: "    \(String(line))\n    \(String(caret))")
    }
}
