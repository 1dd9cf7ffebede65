/// The author–year label of one entry, with its disambiguating letter when it needs one.
public struct CitationLabel: Sendable, Hashable {
    /// `Zeiler`, `King and Zeng` or `Guo et al.`.
    public var names: String
    /// The year, with `a`, `b`, … when another entry would print the same label.
    public var year: String

    public init(names: String, year: String) {
        self.names = names
        self.year = year
    }

    /// `Guo et al., 2017`, or with a locator, `Bishop, 2006, §3.1` (the locator as given).
    public func parenthetical(locator: String? = nil) -> String {
        var text = names + ", " + year
        if let locator, !locator.isEmpty { text += ", " + locator }
        return text
    }

    /// `Guo et al. (2017)`, for a citation that is part of the sentence.
    public var narrative: String { names + " (" + year + ")" }
}
