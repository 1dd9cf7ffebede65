/// A problem in a claim or a choice, located in the chapter file: a syntax or
/// type error, an unknown name or function, a value that cannot be computed, or
/// a claim that does not hold.
///
/// `description` is the full diagnostic: `file:line:col: error: message`, then the
/// text between `{{` and `}}` and a caret under the offending part.
public struct ClaimError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where the offending part starts.
    public var location: ClaimLocation
    /// What is wrong, in a sentence an author can act on.
    public var message: String
    /// The line of the claim that holds the offending part (only the text between
    /// `{{` and `}}`, not the whole chapter line).
    public var sourceLine: String
    /// Spaces, then `^` under the offending part's first character and `~` under the rest of it.
    public var caret: String

    /// An error at `location`, shown under `sourceLine` with `caret`.
    public init(location: ClaimLocation, message: String, sourceLine: String, caret: String) {
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.caret = caret
    }

    /// `file:line:col: error: message`, the claim's line and the caret line.
    public var description: String {
        "\(location): error: \(message)\n    \(sourceLine)\n    \(caret)"
    }
}
