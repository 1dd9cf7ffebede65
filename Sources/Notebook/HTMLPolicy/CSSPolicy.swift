/// What CSS in raw HTML (a `<style>` element or a `style` attribute) may do: style the page,
/// but load nothing and run nothing. Pages open offline, so a CSS URL could only fetch from
/// the network or hold a script URL, and `expression()`, `behavior` and `-moz-binding` ran
/// script in the browsers that had them.
enum CSSPolicy {
    /// Looked for after escapes and whitespace are gone, lowercased.
    static let refused = [
        "url(", "image(", "image-set(", "src(", "@import", "expression(", "behavior", "-moz-binding", "javascript:",
        "vbscript:",
    ]

    /// Why `css` may not stand in a page, or nil when it may.
    static func problem(_ css: String) -> String? {
        let plain = normalized(css)
        guard let found = refused.first(where: { plain.contains($0) }) else { return nil }
        return "CSS may not load anything or run script, and it uses '\(found)'"
    }

    /// `css` with escapes (`\75 rl(` is `url(`) decoded, whitespace removed (so `u r\ l(` reads
    /// as `url(` too, more than any browser would) and ASCII lowercased. Comments stay: they
    /// cannot join tokens (`u/**/rl(` is no URL), and a `url(` inside one is refused too. The
    /// reading is local (an escape is at most eight characters), so what it finds in the end of
    /// a style sheet it finds in the whole.
    static func normalized(_ css: String) -> String {
        let scalars = Array(css.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "\\", index + 1 < scalars.count {
                var end = index + 1
                var value: UInt32 = 0
                while end < scalars.count, end - index <= 6, let digit = Character(scalars[end]).hexDigitValue, scalars[end].isASCII {
                    value = value * 16 + UInt32(digit)
                    end += 1
                }
                if end > index + 1 {
                    out.append(Unicode.Scalar(value) ?? "\u{FFFD}")
                    if end < scalars.count, scalars[end].properties.isWhitespace { end += 1 }
                } else {
                    if !scalars[end].properties.isWhitespace { out.append(scalars[end]) }
                    end += 1
                }
                index = end
                continue
            }
            if !scalar.properties.isWhitespace { out.append(scalar) }
            index += 1
        }
        return String(out).lowercased()
    }
}
