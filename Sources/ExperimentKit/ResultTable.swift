/// A table an experiment produces; the chapter's `table` block shows it.
public struct ResultTable: Sendable, Equatable, Codable {
    public struct Column: Sendable, Equatable, Codable {
        public var title: String
        /// How numbers in this column are printed (`fixed:4`, `sci:2`, `percent:1`, `int`).
        public var format: String

        public init(_ title: String, format: String = "fixed:4") {
            self.title = title
            self.format = format
        }
    }

    public enum Cell: Sendable, Equatable, Codable {
        case number(Double)
        case text(String)
    }

    public var columns: [Column]
    public var rows: [[Cell]]

    public init(columns: [Column], rows: [[Cell]]) {
        self.columns = columns
        self.rows = rows
    }
}
