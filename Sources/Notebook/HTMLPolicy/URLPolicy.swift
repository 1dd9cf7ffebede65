import ExperimentKit

/// Which URLs a page may hold: relative ones and `http:`, `https:`, `mailto:` and `tel:`; for
/// images also `data:image/…` except SVG. Everything else is refused, and an allowlist rather
/// than a list of bad schemes, so a scheme nobody thought of (or a custom protocol handler that
/// launches an application) is refused too.
enum URLPolicy {
    enum Context {
        /// Followed when the reader clicks: `href`, `action`, link destinations.
        case link
        /// Shown in the page: `src` of an image, Markdown image destinations.
        case image
    }

    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]
    static let scriptSchemes: Set<String> = ["javascript", "vbscript", "livescript"]

    /// Why `url` may not stand in a page, or nil when it may.
    static func problem(_ url: String, _ context: Context) -> String? {
        guard let scheme = scheme(of: url) else { return nil }
        if allowedSchemes.contains(scheme) { return nil }
        if scriptSchemes.contains(scheme) { return "a \(scheme): URL runs a script" }
        if scheme == "data" {
            guard context == .image else { return "a data: URL can hold a whole page, scripts included" }
            let mediaType = cleaned(url).dropFirst(5).prefix { $0 != "," && $0 != ";" }.trimmingWhitespace().lowercased()
            if !mediaType.hasPrefix("image/") { return "a data: URL that is not an image can hold a page with scripts" }
            if mediaType.contains("svg") { return "an SVG image in a data: URL can hold a script" }
            return nil
        }
        return "the scheme '\(scheme):' is not allowed (only http:, https:, mailto:, tel: and relative URLs)"
    }

    /// Why a value that is not meant as a URL would still run a script if used as one (an SVG
    /// animation or a handler attribute could make it one), or nil.
    static func scriptProblem(_ value: String) -> String? {
        guard let scheme = scheme(of: value), scriptSchemes.contains(scheme) else { return nil }
        return "a \(scheme): URL runs a script"
    }

    /// The scheme as a browser's URL parser finds it, lowercased; nil for a relative URL.
    /// Leading and trailing controls and spaces are dropped and tabs and line breaks removed
    /// anywhere first, as browsers do, so `java\tscript:` and ` JavaScript:` count.
    static func scheme(of url: String) -> String? {
        let text = cleaned(url)
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return nil }
        let scheme = text[..<colon]
        guard scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return scheme.lowercased()
    }

    private static func cleaned(_ url: String) -> String {
        var scalars = url.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
