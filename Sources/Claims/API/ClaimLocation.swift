/// A position in a chapter file: 1-based line, 1-based column counted in UTF-8
/// bytes (as cmark and gcc count them).
///
/// Named apart from CommonMark's and TeXMath's location types so that a file can
/// import all three.
public struct ClaimLocation: Sendable, Hashable, CustomStringConvertible {
    /// The chapter file, as diagnostics print it.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column in UTF-8 bytes.
    public var column: Int

    /// The position `line`:`column` of `file`.
    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:col`, the prefix of every diagnostic.
    public var description: String { "\(file):\(line):\(column)" }
}
