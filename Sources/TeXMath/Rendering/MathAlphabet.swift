/// Maps letters and digits to Unicode mathematical alphanumerics (MathML Core has no `mathvariant` fonts).
enum MathAlphabet {
    /// The styled form of `text`, character by character; characters without a styled form stay as they are.
    static func apply(_ font: MathFont, to text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            out.append(styled(scalar, font) ?? scalar)
        }
        return String(out)
    }

    private static func styled(_ scalar: Unicode.Scalar, _ font: MathFont) -> Unicode.Scalar? {
        let value = scalar.value
        let upper = value >= 0x41 && value <= 0x5A ? value - 0x41 : nil
        let lower = value >= 0x61 && value <= 0x7A ? value - 0x61 : nil
        let digit = value >= 0x30 && value <= 0x39 ? value - 0x30 : nil
        let greekUpper = value >= 0x391 && value <= 0x3A9 && value != 0x3A2 ? value - 0x391 : nil
        let greekLower = value >= 0x3B1 && value <= 0x3C9 ? value - 0x3B1 : nil
        switch font {
        case .roman:
            return nil
        case .bold:
            if let upper { return Unicode.Scalar(0x1D400 + upper) }
            if let lower { return Unicode.Scalar(0x1D41A + lower) }
            if let digit { return Unicode.Scalar(0x1D7CE + digit) }
            if let greekUpper { return Unicode.Scalar(0x1D6A8 + greekUpper) }
            if let greekLower { return Unicode.Scalar(0x1D6C2 + greekLower) }
        case .boldItalic:
            if let upper { return Unicode.Scalar(0x1D468 + upper) }
            if let lower { return Unicode.Scalar(0x1D482 + lower) }
            if let digit { return Unicode.Scalar(0x1D7CE + digit) }
            if let greekUpper { return Unicode.Scalar(0x1D71C + greekUpper) }
            if let greekLower { return Unicode.Scalar(0x1D736 + greekLower) }
        case .doubleStruck:
            if let exception = doubleStruckExceptions[scalar] { return exception }
            if let upper { return Unicode.Scalar(0x1D538 + upper) }
            if let lower { return Unicode.Scalar(0x1D552 + lower) }
            if let digit { return Unicode.Scalar(0x1D7D8 + digit) }
        case .script:
            if let exception = scriptExceptions[scalar] { return exception }
            if let upper { return Unicode.Scalar(0x1D49C + upper) }
            if let lower { return Unicode.Scalar(0x1D4B6 + lower) }
        }
        return nil
    }

    /// Letters that Unicode encoded earlier in Letterlike Symbols; the math block has holes there.
    private static let doubleStruckExceptions: [Unicode.Scalar: Unicode.Scalar] = [
        "C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ",
    ]

    private static let scriptExceptions: [Unicode.Scalar: Unicode.Scalar] = [
        "B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
        "e": "ℯ", "g": "ℊ", "o": "ℴ",
    ]
}
