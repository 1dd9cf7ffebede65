/// A problem in a `.bib` file, located at the offending token.
///
/// `description` is the full diagnostic: `file:line:col: error: message`, then the
/// offending source line and a caret under the token. Very long lines are cut to a
/// window around the token, so a diagnostic stays short whatever the input.
public struct BibError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: BibLocation
    public var message: String
    /// The source line that holds the offending token (or a window of it, marked with `…`).
    public var sourceLine: String
    /// Spaces, then `^` under the token's first character and `~` under the rest of it.
    public var caret: String
    /// A second place the message refers to, such as the first definition of a duplicate key.
    public var related: BibLocation?

    public init(location: BibLocation, message: String, sourceLine: String, caret: String, related: BibLocation? = nil) {
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
