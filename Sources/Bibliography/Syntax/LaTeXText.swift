import SourceErrors
/// Turns the LaTeX of a field value into plain Unicode text.
///
/// Handles what bibliographies contain: accents in every spelling (`{\"o}`, `\"{o}`,
/// `\"o`, `\c{c}`, `\'{\i}`), special letters (`\ss`, `\o`, `\ae`, …), escapes (`\&`,
/// `\%`, `\_`), `--` and `---` as dashes, `~` as a non-breaking space, TeX quotes, and
/// font commands (`\emph`, `\textit`, …) whose text is kept. Braces are dropped (they only
/// protect case) and runs of white space become one space. An unknown command is an error
/// at its place in the file. One pass; groups are never recursed into.
struct LaTeXText {
    let raw: RawValue
    let source: LocatedText
    /// The field, for messages.
    let field: String

    /// The text of `raw.bytes[range]`.
    func text(_ range: Range<Int>) throws(LocatedError) -> String {
        let bytes = raw.bytes
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var pendingSpace = false
        func emit(_ text: String) {
            if pendingSpace, !out.isEmpty { out.append(0x20) }
            pendingSpace = false
            out.append(contentsOf: text.utf8)
        }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let byte = bytes[i]
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                pendingSpace = true
                i += 1
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "$"):
                i += 1
            case UInt8(ascii: "~"):
                emit("\u{A0}")
                i += 1
            case UInt8(ascii: "-"):
                var run = 0
                while i < end, bytes[i] == UInt8(ascii: "-") {
                    run += 1
                    i += 1
                }
                while run >= 3 {
                    emit("—")
                    run -= 3
                }
                if run == 2 { emit("–") }
                if run == 1 { emit("-") }
            case UInt8(ascii: "`"):
                if i + 1 < end, bytes[i + 1] == UInt8(ascii: "`") {
                    emit("“")
                    i += 2
                } else {
                    emit("‘")
                    i += 1
                }
            case UInt8(ascii: "'"):
                if i + 1 < end, bytes[i + 1] == UInt8(ascii: "'") {
                    emit("”")
                    i += 2
                } else {
                    emit("'")
                    i += 1
                }
            case UInt8(ascii: "\\"):
                let (text, next, space) = try command(at: i, end: end)
                if space {
                    pendingSpace = true
                } else if !text.isEmpty {
                    emit(text)
                }
                i = next
            default:
                if pendingSpace, !out.isEmpty { out.append(0x20) }
                pendingSpace = false
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A DOI, URL or e-print id: braces and `\_`-style escapes removed, nothing else changed.
    func verbatim(_ range: Range<Int>) throws(LocatedError) -> String {
        let bytes = raw.bytes
        var out: [UInt8] = []
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "}"):
                i += 1
            case UInt8(ascii: "\\"):
                guard i + 1 < end else { throw error("a lone '\\' ends the \(field)", at: i..<i + 1) }
                let next = bytes[i + 1]
                if BibParser.isLetter(next) {
                    var j = i + 1
                    while j < end, BibParser.isLetter(bytes[j]) { j += 1 }
                    let name = String(decoding: bytes[i + 1..<j], as: UTF8.self)
                    guard name == "url" || name == "path" else {
                        throw error("'\\\(shown(name))' in a \(field): write the \(field) as it is, escaping only with \\_ \\% \\& \\# \\~", at: i..<j)
                    }
                    i = j
                } else {
                    out.append(next)
                    i += 2
                }
            case 0x20, 0x09, 0x0A, 0x0D, 0x0C:
                // Leading and trailing blanks are fine; inside, they are an error below.
                out.append(0x20)
                i += 1
            default:
                out.append(byte)
                i += 1
            }
        }
        let trimmedStart = out.firstIndex { $0 != 0x20 } ?? out.count
        let trimmedEnd = (out.lastIndex { $0 != 0x20 } ?? -1) + 1
        let trimmed = trimmedStart < trimmedEnd ? Array(out[trimmedStart..<trimmedEnd]) : []
        if trimmed.contains(0x20) {
            // The first blank after some content.
            var cursor = range.lowerBound
            while cursor < end, LaTeXText.isBlankByte(bytes[cursor]) { cursor += 1 }
            while cursor < end, !LaTeXText.isBlankByte(bytes[cursor]) { cursor += 1 }
            throw error("a \(field) cannot contain spaces", at: cursor..<cursor + 1)
        }
        return String(decoding: trimmed, as: UTF8.self)
    }

    static func isBlankByte(_ byte: UInt8) -> Bool { BibParser.isBlank(byte) }

    // MARK: - Commands

    /// The command at `bytes[start] == "\\"`: its text, where reading goes on, and whether it is a space.
    private func command(at start: Int, end: Int) throws(LocatedError) -> (text: String, next: Int, space: Bool) {
        let bytes = raw.bytes
        guard start + 1 < end else { throw error("a lone '\\' ends the \(field)", at: start..<start + 1) }
        let first = bytes[start + 1]
        guard BibParser.isLetter(first) else {
            // A control symbol: one character after the backslash.
            let symbol = String(Character(Unicode.Scalar(first)))
            if Accents.table[symbol] != nil { return try accent(symbol, argumentAt: start + 2, end: end, command: start..<start + 2) }
            switch first {
            case UInt8(ascii: "&"), UInt8(ascii: "%"), UInt8(ascii: "$"), UInt8(ascii: "#"), UInt8(ascii: "_"),
                UInt8(ascii: "{"), UInt8(ascii: "}"):
                return (symbol, start + 2, false)
            case UInt8(ascii: " "), UInt8(ascii: "\\"), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: ">"), 0x0A, 0x09:
                return ("", start + 2, true)
            case UInt8(ascii: ","):
                return ("\u{2009}", start + 2, false)
            case UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "@"), UInt8(ascii: "!"):
                return ("", start + 2, false)
            default:
                let shownSymbol = first < 0x80 ? symbol : "…"
                throw error("unknown LaTeX command '\\\(shownSymbol)' in the \(field)", at: start..<start + 2)
            }
        }
        var j = start + 1
        while j < end, BibParser.isLetter(bytes[j]) { j += 1 }
        let name = String(decoding: bytes[start + 1..<j], as: UTF8.self)
        let commandRange = start..<j
        // TeX drops the blanks after a control word.
        var next = j
        while next < end, LaTeXText.isBlankByte(bytes[next]) { next += 1 }
        if Accents.table[name] != nil { return try accent(name, argumentAt: next, end: end, command: commandRange) }
        if let text = Self.symbols[name] { return (text, next, false) }
        if Self.fontCommands.contains(name) { return ("", next, false) }
        let hint = Suggestion.phrase(for: name, in: Self.allCommands, prefix: "\\")
        throw error("unknown LaTeX command '\\\(shown(name))' in the \(field)\(hint)", at: commandRange)
    }

    /// `\"o`, `\"{o}`, `\" o`, `\'{\i}`, `\c c`, `\~{}`: the accented letter.
    private func accent(_ name: String, argumentAt position: Int, end: Int, command: Range<Int>) throws(LocatedError) -> (text: String, next: Int, space: Bool) {
        let bytes = raw.bytes
        var i = position
        while i < end, LaTeXText.isBlankByte(bytes[i]) { i += 1 }
        let usage = "the accent '\\\(name)' takes one letter, as in \\\(name){o}"
        guard i < end else { throw error(usage, at: command) }
        var base: Unicode.Scalar
        var next: Int
        if bytes[i] == UInt8(ascii: "{") {
            // A short group only: one letter, \i or \j, or nothing.
            var close = i + 1
            while close < end, close - i <= 8, bytes[close] != UInt8(ascii: "}") {
                if bytes[close] == UInt8(ascii: "{") { throw error(usage, at: command.lowerBound..<close + 1) }
                close += 1
            }
            guard close < end, bytes[close] == UInt8(ascii: "}") else { throw error(usage, at: command) }
            let inner = trimmed(i + 1..<close)
            next = close + 1
            if inner.isEmpty {
                guard let spacing = Accents.table[name]?.spacing else { throw error(usage, at: command.lowerBound..<next) }
                return (spacing, next, false)
            }
            guard let scalar = letter(in: inner) else { throw error(usage, at: command.lowerBound..<next) }
            base = scalar
        } else if bytes[i] == UInt8(ascii: "\\") {
            var j = i + 1
            while j < end, BibParser.isLetter(bytes[j]) { j += 1 }
            guard let scalar = letter(in: i..<j) else { throw error(usage, at: command.lowerBound..<j) }
            base = scalar
            next = j
            while next < end, LaTeXText.isBlankByte(bytes[next]) { next += 1 }
        } else {
            let length = LaTeXText.scalarLength(bytes[i])
            guard bytes[i] != UInt8(ascii: "}"), i + length <= end, let scalar = letter(in: i..<i + length) else {
                throw error(usage, at: command)
            }
            base = scalar
            next = i + length
        }
        guard let text = Accents.apply(name, to: base) else { throw error(usage, at: command) }
        return (text, next, false)
    }

    /// The one letter of an accent's argument: a single scalar, or `\i` / `\j`.
    private func letter(in range: Range<Int>) -> Unicode.Scalar? {
        let text = String(decoding: raw.bytes[range], as: UTF8.self)
        if text == "\\i" { return "ı" }
        if text == "\\j" { return "ȷ" }
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let scalar = scalars.first, scalar != "\u{FFFD}", scalar != "\\" else { return nil }
        return scalar
    }

    private func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, LaTeXText.isBlankByte(raw.bytes[lower]) { lower += 1 }
        while upper > lower, LaTeXText.isBlankByte(raw.bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// The length of the UTF-8 sequence a lead byte starts (1 for anything malformed).
    static func scalarLength(_ lead: UInt8) -> Int {
        switch lead {
        case 0xC0...0xDF: 2
        case 0xE0...0xEF: 3
        case 0xF0...0xF7: 4
        default: 1
        }
    }

    /// An error at `range` of the value, placed in the file where those bytes came from.
    func error(_ message: String, at range: Range<Int>) -> LocatedError {
        let start = raw.sourceOffset(range.lowerBound)
        let last = raw.sourceOffset(max(range.upperBound - 1, range.lowerBound))
        return source.error(message, at: start..<max(last + 1, start + 1))
    }

    // MARK: - Tables

    static let symbols: [String: String] = [
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ",
        "aa": "å", "AA": "Å", "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
        "th": "þ", "TH": "Þ", "dj": "đ", "DJ": "Đ", "ng": "ŋ", "NG": "Ŋ",
        "textendash": "–", "textemdash": "—", "ldots": "…", "dots": "…", "textellipsis": "…",
        "S": "§", "P": "¶", "copyright": "©", "textcopyright": "©", "textregistered": "®",
        "texttrademark": "™", "textquoteleft": "‘", "textquoteright": "’", "textquotedblleft": "“",
        "textquotedblright": "”", "guillemotleft": "«", "guillemotright": "»", "textless": "<",
        "textgreater": ">", "textbackslash": "\\", "textasciitilde": "~", "textasciicircum": "^",
        "textunderscore": "_", "textbar": "|", "textbullet": "•", "textdegree": "°", "textperiodcentered": "·",
        "nobreakspace": "\u{A0}", "LaTeX": "LaTeX", "TeX": "TeX", "BibTeX": "BibTeX",
        // Math in titles: Greek letters and a few operators.
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ", "lambda": "λ",
        "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ",
        "phi": "ϕ", "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
        "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ",
        "Psi": "Ψ", "Omega": "Ω", "ell": "ℓ", "infty": "∞", "times": "×", "cdot": "·", "pm": "±",
        "leq": "≤", "le": "≤", "geq": "≥", "ge": "≥", "neq": "≠", "ne": "≠", "approx": "≈", "sim": "∼",
        "to": "→", "rightarrow": "→", "log": "log", "exp": "exp",
    ]

    /// Font and box commands: the command goes, its argument's text stays.
    static let fontCommands: Set<String> = [
        "emph", "textit", "textbf", "textsc", "texttt", "textrm", "textsf", "textsl", "textup", "textnormal",
        "textmd", "mbox", "hbox", "text", "mathrm", "mathit", "mathbf", "mathsf", "mathtt", "mathcal", "mathbb",
        "em", "it", "bf", "sc", "tt", "rm", "sf", "sl", "up", "normalfont", "url", "relax", "protect",
        "ensuremath", "boldsymbol", "bm",
    ]

    static let allCommands: [String] = (Array(symbols.keys) + Array(fontCommands) + Accents.table.keys.filter { $0.count == 1 && BibParser.isLetter($0.utf8.first!) }).sorted()
}
