import CommonMark
import ExperimentKit
import XMLTree

/// A ` ```table ` block: a table from an experiment, numbers formatted per column.
struct TableDirective: Sendable {
    static let keys = DirectiveKeys.table

    var experiment: String
    var table: String
    /// The caption's text and `@references`.
    var caption: [DocumentNode]
    var label: LabelKey?
    var fields: DirectiveFields

    init(_ fields: DirectiveFields) throws(Diagnostics) {
        self.fields = fields
        experiment = try fields.required("experiment").value
        table = try fields.required("table").value
        caption = FigureDirective.parseCaption(try fields.required("caption"))
        if let field = fields.fields["label"] {
            guard let key = LabelKey(field.value, as: .tab) else {
                throw Diagnostics(Diagnostic(field.location, "table labels start with 'tab:', like 'tab:\(field.value)'"))
            }
            label = key
        }
    }

    /// The table on its page. `caption` has its references resolved.
    func float(_ result: ExperimentResult, number: Label?, caption: [DocumentNode]) throws(Diagnostics) -> DocumentNode.Float {
        // `plan` checked the name against the declaration, and the runner the result against it.
        guard let data = result.tables[table] else {
            throw Diagnostics(Diagnostic(fields.location, "experiment '\(experiment)' returned no table '\(table)'"))
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
                        throw Diagnostics(Diagnostic(fields.location,
                            "experiment '\(experiment)', table '\(table)', row \(rowIndex + 1), column \(columnIndex + 1): the value is \(value), which cannot be printed"))
                    }
                    cells.append(.el("td", [["class": "number"]], shown))
                }
            }
            rows.append(.el("tr", [], cells))
        }
        var attributes: [Attribute] = [["class": "table"]]
        if let number { attributes.append(["id": number.id]) }
        return DocumentNode.Float(
            attributes: attributes, number: number.map { "Table \($0.number):" }, caption: caption, captionEnd: [],
            body: .el("div", [["class": "table-scroll"]], [.el("table", [], [head, .el("tbody", [], rows)])]), captionFirst: true)
    }
}
