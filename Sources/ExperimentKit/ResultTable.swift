/// A table an experiment produces; the chapter's ` ```table ` block shows it.
public struct ResultTable: Sendable, Equatable, Codable {
    /// A column's heading and how the numbers in it are printed.
    public struct Column: Sendable, Equatable, Codable {
        /// The heading.
        public var title: String
        /// How numbers in this column are printed.
        public var format: ValueFormat

        /// A column headed `title` whose numbers are printed with `format`.
        public init(_ title: String, format: ValueFormat = .fixed(4)) {
            self.title = title
            self.format = format
        }
    }

    /// One cell: a number, printed with its column's format, or text as it is.
    public enum Cell: Sendable, Equatable, Codable {
        /// A number; NaN and ±∞ are errors when the table is shown.
        case number(Double)
        /// Text, such as a row's name.
        case text(String)
    }

    /// The columns, left to right.
    public var columns: [Column]
    /// The rows, top to bottom, each a cell per column; a text cell in the first column heads its row.
    public var rows: [[Cell]]

    /// A table of `columns` and `rows`.
    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}
