/// A problem in a formula or derivation, located in the chapter file.
///
/// `description` is the full diagnostic: `file:line:col: error: message`, then the
/// offending TeX line and a caret under the token.
public struct TeXMathError: Error, Sendable, Equatable, CustomStringConvertible {
    public var location: TeXLocation
    public var message: String
    /// The line of TeX that holds the offending token (only the TeX, not the whole chapter line).
    public var sourceLine: String
    /// Spaces, then `^` under the token's first character and `~` under the rest of it.
    public var caret: String

    public init(location: TeXLocation, message: String, sourceLine: String, caret: String) {
        self.location = location
        self.message = message
        self.sourceLine = sourceLine
        self.caret = caret
    }

    public var description: String {
        "\(location): error: \(message)\n    \(sourceLine)\n    \(caret)"
    }
}
