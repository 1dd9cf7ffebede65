/// Estimated text widths for layout (no font access at build time).
///
/// Widths are upper estimates for common sans-serif faces, so a layout that
/// fits with them also fits in the reader's font.
enum TextMetrics {
    static func width(_ text: String, fontSize: Double) -> Double {
        var em = 0.0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "0"..."9": em += 0.58
            case ".", ",", ":", ";", "i", "l", "j", "!", "|", "'", "I": em += 0.3
            case " ": em += 0.3
            case "f", "t", "r", "(", ")", "[", "]", "-": em += 0.38
            case "m", "w", "M", "W": em += 0.86
            case "A"..."Z": em += 0.68
            case "a"..."z": em += 0.54
            case "⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹", "⁻": em += 0.4
            case "\u{2212}", "×", "+", "=", "<", ">": em += 0.6
            default: em += scalar.value > 0x2E80 ? 1.0 : 0.62
            }
        }
        return em * fontSize
    }
}
