import SourceErrors
/// A `\label{eq:name}` found in display math, so the caller can number equations before rendering.
public struct EquationLabel: Sendable, Hashable {
    /// The name as written, e.g. `eq:nll`.
    public var name: String
    /// Where the `\label` command starts in the chapter file.
    public var location: TextLocation

    public init(name: String, location: TextLocation) {
        self.name = name
        self.location = location
    }

    /// The HTML id of the numbered equation: `eq:nll` → `eq-nll`, the target of `@eq:nll` links.
    public var anchor: String {
        String(name.map { $0 == ":" ? "-" : $0 })
    }
}
