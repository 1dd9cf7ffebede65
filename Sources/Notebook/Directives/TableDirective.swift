import CommonMark
import ExperimentKit
import XMLTree

/// A ` ```table ` block: a table from an experiment, numbers formatted per column.
struct TableDirective: Sendable {
    static let keys = DirectiveKeys.table

    var experiment: String
    var table: String
    var caption: String
    var label: LabelKey?
    var fields: DirectiveFields

    init(_ fields: DirectiveFields) throws(BuildFailure) {
        self.fields = fields
        experiment = try fields.required("experiment").value
        table = try fields.required("table").value
        caption = try fields.required("caption").value
        if let field = fields.fields["label"] {
            guard let key = LabelKey(field.value, as: .tab) else {
                throw BuildFailure([Diagnostic(field.location, "table labels start with 'tab:', like 'tab:\(field.value)'")])
            }
            label = key
        }
    }

    func render(_ result: ExperimentResult, number: Label?) throws(BuildFailure) -> Node {
        // `plan` checked the name against the declaration, and the runner the result against it.
        guard let data = result.tables[table] else {
            throw BuildFailure([Diagnostic(fields.location, "experiment '\(experiment)' returned no table '\(table)'")])
        }
        let formats = data.columns.map(\.format)
        let head = Node.el("thead", [], [.el("tr", [], data.columns.map { .el("th", [["scope": "col"]], text: $0.title) })])
        var rows: [Node] = []
        for (rowIndex, row) in data.rows.enumerated() {
            var cells: [Node] = []
            for (columnIndex, cell) in row.enumerated() {
                switch cell {
                case .text(let text):
                    cells.append(.el(columnIndex == 0 ? "th" : "td", columnIndex == 0 ? [["scope": "row"]] : [], text: text))
                case .number(let value):
                    let format = columnIndex < formats.count ? formats[columnIndex] : .fixed(4)
                    guard let shown = format.render(value) else {
                        throw BuildFailure([Diagnostic(fields.location,
                            "experiment '\(experiment)', table '\(table)', row \(rowIndex + 1), column \(columnIndex + 1): the value is \(value), which cannot be printed")])
                    }
                    cells.append(.el("td", [["class": "number"]], shown))
                }
            }
            rows.append(.el("tr", [], cells))
        }
        var attributes: [Attribute] = [["class": "table"]]
        if let number { attributes.append(["id": number.id]) }
        var captionNodes: [Node] = []
        if let number { captionNodes += [.el("span", [["class": "figure-number"]], text: "Table \(number.number):"), .text(" ")] }
        captionNodes.append(.text(caption))
        return .el("figure", attributes, [
            .el("figcaption", [], captionNodes),
            .el("div", [["class": "table-scroll"]], [.el("table", [], [head, .el("tbody", [], rows)])]),
        ])
    }
}
