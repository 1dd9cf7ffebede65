/// A problem located at a token: where, what, and the line with a caret under the token.
///
/// `description` is the full diagnostic: `file:line:col: error: message`, then the
/// offending line (or a window of it, marked with `…`) and the caret line.
public struct LocatedError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending token starts.
    public var location: TextLocation
    /// What is wrong, in a sentence an author can act on.
    public var message: String
    /// The line that holds the token, or a window of it around the token.
    public var sourceLine: String
    /// Spaces, then `^` under the token's first character and `~` under the rest of it.
    public var caret: String
    /// A second place the message refers to, such as the first definition of a duplicate.
    public var related: TextLocation?

    public init(location: TextLocation, message: String, sourceLine: String, caret: String, related: TextLocation? = nil) {
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.caret = caret
        self.related = related
    }

    public var description: String {
        "\(location): error: \(message)\n    \(sourceLine)\n    \(caret)"
    }
}

/// A failure located by byte offsets in a ``LocatedText``, until the text turns it
/// into a ``LocatedError``.
public struct LocalError: Error, Sendable {
    public var message: String
    public var range: Range<Int>

    public init(_ message: String, at range: Range<Int>) {
        self.message = message
        self.range = range
    }
}
