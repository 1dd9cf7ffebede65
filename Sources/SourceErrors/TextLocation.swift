/// A position in a text file: 1-based line, 1-based column counted in UTF-8 bytes
/// (as cmark and gcc count them). Shared by the parsers that report errors with a
/// caret (TeXMath, Claims, Bibliography); CommonMark keeps cmark's own `SourceLocation`.
public struct TextLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file, as diagnostics print it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column in UTF-8 bytes.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the prefix of every diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
