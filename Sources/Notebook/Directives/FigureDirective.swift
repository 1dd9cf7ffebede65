import CommonMark
import ExperimentKit
import SVGPlot
import XMLTree

/// A ` ```figure ` block: a plot from an experiment, inlined with its caption and
/// links to the standalone SVG and the CSV behind it.
struct FigureDirective: Sendable {
    static let keys = DirectiveKeys.figure

    var experiment: String
    var plot: String
    var label: LabelKey?
    /// The caption's text and `@references`.
    var caption: [DocumentNode]
    /// A CSS width such as `80%` or `520px`.
    var width: String?
    /// `band: min-max` or `band: sd`: shade each line's spread over the experiment's seeds.
    var band: SeedSpread?
    var fields: DirectiveFields

    init(_ fields: DirectiveFields) throws(Diagnostics) {
        self.fields = fields
        experiment = try fields.required("experiment").value
        plot = try fields.required("plot").value
        caption = Self.parseCaption(try fields.required("caption"))
        width = fields.fields["width"]?.value
        if let width = fields.fields["width"] {
            let valid = width.value.hasSuffix("%") ? Double(width.value.dropLast()).map { $0 > 0 && $0 <= 100 } ?? false
                : width.value.hasSuffix("px") ? Double(width.value.dropLast(2)).map { $0 > 0 } ?? false : false
            guard valid else { throw Diagnostics(Diagnostic(width.location, "figure width must be a percentage (80%) or pixels (480px)")) }
        }
        if let field = fields.fields["band"] {
            guard let spread = SeedSpread(rawValue: field.value) else {
                let names = SeedSpread.allCases.map(\.rawValue)
                throw Diagnostics(Diagnostic(field.location, "figure band is \(names.map { "'\($0)'" }.joined(separator: " or ")), not '\(field.value)'\(Suggestion.hint(for: field.value, in: names))"))
            }
            band = spread
        }
        if let field = fields.fields["label"] {
            guard let key = LabelKey(field.value, as: .fig) else {
                throw Diagnostics(Diagnostic(field.location, "figure labels start with 'fig:', like 'fig:\(field.value)'"))
            }
            label = key
        }
    }

    /// The file-name stem of the standalone files: `figures/<experiment>-<plot>`.
    var stem: String { "\(experiment)-\(plot)" }

    /// A `caption:` line: text and `@references` (checked when every page is numbered).
    static func parseCaption(_ field: DirectiveFields.Field) -> [DocumentNode] {
        ReferenceSyntax.split(field.value, range: nil, start: field.valueLocation)
    }

    /// The figure from the experiment's result, named for its files; its title
    /// (the SVG's `<title>`) is the caption as a reader sees it, numbers and all.
    /// With `band:`, each line is shaded with its spread over the seeds.
    func figure(in runs: ExperimentRuns, title: String) throws(Diagnostics) -> Figure {
        // `plan` checked the name against the declaration, and the runner the result against it.
        guard var figure = runs.shown.figures[plot] else {
            throw Diagnostics(Diagnostic(fields.location, "experiment '\(experiment)' returned no plot '\(plot)'"))
        }
        if let band {
            figure = figure.withSeedBands(over: runs.runs.compactMap { $0.figures[plot] }, spread: band)
        }
        figure.name = stem
        figure.title = title
        return figure
    }

    /// The expensive part of a figure, independent of its number and of other
    /// figures: the standalone SVG, the inline tree and the CSV.
    struct Drawing: Sendable {
        var svg: String
        var inline: Node
        var csv: [UInt8]
    }

    func draw(_ figure: Figure) throws(Diagnostics) -> Drawing {
        do {
            let (svg, inline) = try figure.svgDocumentAndInlineNode(includeStyle: false)
            return Drawing(svg: svg, inline: inline, csv: figure.csvBytes())
        } catch {
            throw Diagnostics(Diagnostic(fields.location, "figure '\(stem)' cannot be drawn: \(error)"))
        }
    }

    /// `draw(figure)`, or what an earlier build drew from the same figure data (its numbers,
    /// names and title, as `BinaryEncoder` writes them), with the inline SVG as markup.
    func draw(_ figure: Figure, memo: Memo) throws(Diagnostics) -> Drawing {
        guard let data = try? BinaryEncoder().encode(figure) else { return try draw(figure) }
        // Three parts: the byte counts of the first two on a line, then the SVG file, the inline SVG and the CSV.
        let stored = try memo.bytes("figure", for: data) { () throws(Diagnostics) in
            let drawing = try draw(figure)
            let svg = Array(drawing.svg.utf8), inline = Array(drawing.inline.serialized(.html).utf8)
            return Array("\(svg.count) \(inline.count)\n".utf8) + svg + inline + drawing.csv
        }
        guard let newline = stored.firstIndex(of: 0x0A) else { return try draw(figure) }
        let counts = String(decoding: stored[..<newline], as: UTF8.self).split(separator: " ").compactMap { Int($0) }
        let start = newline + 1
        guard counts.count == 2, counts[0] >= 0, counts[1] >= 0, start + counts[0] + counts[1] <= stored.count else { return try draw(figure) }
        let inlineStart = start + counts[0], csvStart = inlineStart + counts[1]
        return Drawing(svg: String(decoding: stored[start..<inlineStart], as: UTF8.self),
                       inline: .raw(String(decoding: stored[inlineStart..<csvStart], as: UTF8.self)),
                       csv: Array(stored[csvStart...]))
    }

    /// The figure on its page, and its standalone files. `caption` has its references resolved.
    func float(_ drawing: Drawing, number: Label?, caption: [DocumentNode]) -> (float: DocumentNode.Float, files: [String: [UInt8]]) {
        var attributes: [Attribute] = [["class": "plot"]]
        if let number { attributes.append(["id": number.id]) }
        if let width { attributes.append(["style": "max-width: \(width)"]) }
        let files = Node.el("span", [["class": "figure-files"]], [
            .el("a", [["href": "figures/\(stem).svg"]], text: "SVG"), .text(" · "),
            .el("a", [["href": "figures/\(stem).csv"]], text: "CSV"),
        ])
        let float = DocumentNode.Float(
            attributes: attributes, number: number.map { "Figure \($0.number):" }, caption: caption,
            captionEnd: [.text(" "), files], body: drawing.inline, captionFirst: false)
        return (float, ["figures/\(stem).svg": Array(drawing.svg.utf8), "figures/\(stem).csv": drawing.csv])
    }
}
