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
    var caption: String
    /// A CSS width such as `80%` or `520px`.
    var width: String?
    var fields: DirectiveFields

    init(_ fields: DirectiveFields) throws(BuildFailure) {
        self.fields = fields
        experiment = try fields.required("experiment").value
        plot = try fields.required("plot").value
        caption = try fields.required("caption").value
        width = fields.fields["width"]?.value
        if let width = fields.fields["width"] {
            let valid = width.value.hasSuffix("%") ? Double(width.value.dropLast()).map { $0 > 0 && $0 <= 100 } ?? false
                : width.value.hasSuffix("px") ? Double(width.value.dropLast(2)).map { $0 > 0 } ?? false : false
            guard valid else { throw BuildFailure([Diagnostic(width.location, "figure width must be a percentage (80%) or pixels (480px)")]) }
        }
        if let field = fields.fields["label"] {
            guard let key = LabelKey(field.value, as: .fig) else {
                throw BuildFailure([Diagnostic(field.location, "figure labels start with 'fig:', like 'fig:\(field.value)'")])
            }
            label = key
        }
    }

    /// The file-name stem of the standalone files: `figures/<experiment>-<plot>`.
    var stem: String { "\(experiment)-\(plot)" }

    /// The figure from the experiment's result, named for its files and captioned.
    func figure(in result: ExperimentResult) throws(BuildFailure) -> Figure {
        // `plan` checked the name against the declaration, and the runner the result against it.
        guard var figure = result.figures[plot] else {
            throw BuildFailure([Diagnostic(fields.location, "experiment '\(experiment)' returned no plot '\(plot)'")])
        }
        figure.name = stem
        figure.title = caption
        return figure
    }

    /// The expensive part of a figure, independent of its number and of other
    /// figures: the standalone SVG, the inline tree and the CSV.
    struct Drawing: Sendable {
        var svg: String
        var inline: Node
        var csv: [UInt8]
    }

    func draw(_ figure: Figure) throws(BuildFailure) -> Drawing {
        do {
            let (svg, inline) = try figure.svgDocumentAndInlineNode(includeStyle: false)
            return Drawing(svg: svg, inline: inline, csv: figure.csvBytes())
        } catch {
            throw BuildFailure([Diagnostic(fields.location, "figure '\(stem)' cannot be drawn: \(error)")])
        }
    }

    func render(_ drawing: Drawing, number: Label?) -> (node: Node, files: [String: [UInt8]]) {
        var attributes: [Attribute] = [["class": "plot"]]
        if let number { attributes.append(["id": number.id]) }
        if let width { attributes.append(["style": "max-width: \(width)"]) }
        var captionNodes: [Node] = []
        if let number { captionNodes += [.el("span", [["class": "figure-number"]], text: "Figure \(number.number):"), .text(" ")] }
        captionNodes.append(.text(caption))
        captionNodes += [
            .text(" "),
            .el("span", [["class": "figure-files"]], [
                .el("a", [["href": "figures/\(stem).svg"]], text: "SVG"), .text(" · "),
                .el("a", [["href": "figures/\(stem).csv"]], text: "CSV"),
            ]),
        ]
        let node = Node.el("figure", attributes, [drawing.inline, .el("figcaption", [], captionNodes)])
        return (node, ["figures/\(stem).svg": Array(drawing.svg.utf8), "figures/\(stem).csv": drawing.csv])
    }
}
