/// Character references in raw HTML attribute values, decoded as a browser decodes them, as far
/// as `HTMLPolicy` needs: `&#106;avascript:` and `&#x6A;avascript&colon;` are `javascript:`.
enum CharacterReferences {
    /// Named references that stand for ASCII (or a no-break space): the only ones that can
    /// change how a URL's scheme or a CSS function reads. Any other named reference decodes
    /// to a non-ASCII character, which ends a scheme just as the undecoded `&name;` does, so
    /// leaving it undecoded gives the same verdict. Names are case-sensitive (`&Colon;` is ∷).
    static let named: [String: String] = [
        "Tab;": "\t", "NewLine;": "\n", "colon;": ":", "period;": ".", "plus;": "+", "sol;": "/", "num;": "#",
        "quest;": "?", "excl;": "!", "semi;": ";", "comma;": ",", "lpar;": "(", "rpar;": ")", "equals;": "=",
        "bsol;": "\\", "lowbar;": "_", "UnderBar;": "_", "commat;": "@", "percnt;": "%", "dollar;": "$", "ast;": "*",
        "midast;": "*", "apos;": "'", "grave;": "`", "DiacriticalGrave;": "`", "Hat;": "^", "lsqb;": "[", "lbrack;": "[",
        "rsqb;": "]", "rbrack;": "]", "lcub;": "{", "lbrace;": "{", "rcub;": "}", "rbrace;": "}", "verbar;": "|",
        "vert;": "|", "VerticalLine;": "|", "amp;": "&", "AMP;": "&", "lt;": "<", "LT;": "<", "gt;": ">", "GT;": ">",
        "quot;": "\"", "QUOT;": "\"", "nbsp;": "\u{A0}", "NonBreakingSpace;": "\u{A0}",
        // Legacy names that browsers decode without the semicolon, too.
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"", "nbsp": "\u{A0}",
    ]

    /// `text` with numeric references (`&#106;`, `&#x6a`, with or without `;`, any number of
    /// leading zeros) and the `named` references decoded, in an attribute value.
    static func decode(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "&")) else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "&", index + 1 < scalars.count else {
                out.append(scalars[index])
                index += 1
                continue
            }
            if scalars[index + 1] == "#", let (scalar, end) = numeric(scalars, after: index + 2) {
                out.append(scalar)
                index = end
            } else if let (replacement, end) = namedReference(scalars, at: index + 1) {
                out.append(contentsOf: replacement.unicodeScalars)
                index = end
            } else {
                out.append(scalars[index])
                index += 1
            }
        }
        return String(out)
    }

    /// After `&#`: decimal digits, or `x`/`X` and hex digits, then an optional `;`.
    private static func numeric(_ scalars: [Unicode.Scalar], after start: Int) -> (Unicode.Scalar, Int)? {
        var index = start
        var radix: UInt32 = 10
        if index < scalars.count, scalars[index] == "x" || scalars[index] == "X" {
            radix = 16
            index += 1
        }
        var value: UInt32 = 0
        let digitsStart = index
        while index < scalars.count, let digit = Character(scalars[index]).hexDigitValue, radix == 16 || digit < 10 {
            value = min(value * radix + UInt32(digit), 0x110000)  // saturates: too large is U+FFFD anyway
            index += 1
        }
        guard index > digitsStart else { return nil }
        if index < scalars.count, scalars[index] == ";" { index += 1 }
        // Zero, surrogates and beyond U+10FFFF become U+FFFD; 0x80–0x9F map to Windows-1252,
        // never to ASCII, so U+FFFD serves for them too.
        let scalar = (value == 0 || (0x80...0x9F).contains(value)) ? nil : Unicode.Scalar(value)
        return (scalar ?? "\u{FFFD}", index)
    }

    private static func namedReference(_ scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        var name = ""
        var index = start
        // The longest name is 17 characters; past that nothing in the table can match.
        while index < scalars.count, name.count < 20, scalars[index].isASCII, Character(scalars[index]).isLetter || Character(scalars[index]).isNumber {
            name.unicodeScalars.append(scalars[index])
            index += 1
        }
        if index < scalars.count, scalars[index] == ";", let replacement = named[name + ";"] {
            return (replacement, index + 1)
        }
        // Without `;`, only legacy names, and in an attribute not when `=` or an alphanumeric follows.
        guard let replacement = named[name] else { return nil }
        if index < scalars.count, scalars[index] == "=" || Character(scalars[index]).isLetter || Character(scalars[index]).isNumber {
            return nil
        }
        return (replacement, index)
    }
}
