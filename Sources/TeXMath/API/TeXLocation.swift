/// A position in a chapter file (named apart from CommonMark's own location type so both can be imported): 1-based line, 1-based column counted in UTF-8 bytes (as cmark and gcc do).
public struct TeXLocation: Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the prefix of every diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
