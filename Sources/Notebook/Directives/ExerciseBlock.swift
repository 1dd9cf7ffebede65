import CommonMark

/// A ` ```exercise ` block: an optional `label: ex:name` line, the question in
/// Markdown, then a line `---` and the solution in Markdown (optional). Math,
/// values, references and claims work in both, as anywhere in a chapter.
struct ExerciseBlock: Sendable {
    var label: LabelKey?
    /// Where the `label:` line is, for errors about the label.
    var labelLocation: SourceLocation?
    /// The question's and the solution's text, and the file line each starts on.
    var question: (text: String, line: Int)
    var solution: (text: String, line: Int)?

    /// Splits the body of a block whose fence is at `fence`.
    init(_ literal: String, fence: SourceLocation) throws(Diagnostics) {
        var lines = literal.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        var first = 0
        while first < lines.count && lines[first].allSatisfy(\.isWhitespace) { first += 1 }
        if first < lines.count, lines[first].trimmingWhitespace().hasPrefix("label:") {
            let line = lines[first]
            let location = SourceLocation(file: fence.file, line: fence.line + 1 + first, column: fence.column)
            let value = String(line.trimmingWhitespace().dropFirst("label:".count)).trimmingWhitespace()
            guard let key = LabelKey(value, as: .ex) else {
                throw Diagnostics(Diagnostic(location, "exercise labels start with 'ex:', like 'ex:\(value.isEmpty ? "name" : value)'"))
            }
            label = key
            labelLocation = location
            first += 1
        }
        let separator = lines[first...].firstIndex { $0.trimmingWhitespace() == "---" }
        let questionLines = lines[first..<(separator ?? lines.count)]
        guard questionLines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else {
            throw Diagnostics(Diagnostic(fence, "an exercise needs a question before its '---' line"))
        }
        question = (questionLines.joined(separator: "\n"), fence.line + 1 + first)
        if let separator {
            solution = (lines[(separator + 1)...].joined(separator: "\n"), fence.line + 2 + separator)
        }
    }

    /// A part of the block parsed as Markdown, its positions those of the chapter file.
    static func parse(_ part: (text: String, line: Int), fence: SourceLocation) throws(Diagnostics) -> MarkdownNode {
        do {
            return try MarkdownParser.parse(part.text, file: fence.file).shifted(lines: part.line - 1, columns: fence.column - 1)
        } catch {
            let location = SourceLocation(file: fence.file, line: error.location.line + part.line - 1, column: error.location.column + fence.column - 1)
            throw Diagnostics(Diagnostic(location, error.message))
        }
    }
}
