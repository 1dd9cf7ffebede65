/// The text that stands in for a math span while cmark parses a chapter, and how to read it back.
///
/// A placeholder is `M` + the span's index in ASCII digits + `M`; a continuation mark (the
/// start of each further line of a span over several lines) is `MM`. `M` is one private-use
/// character (cmark treats it as an ordinary letter) chosen per chapter so that it does not
/// occur in the chapter at all: every `M` in the parsed tree is therefore ours, and text an
/// author types (private-use characters included) can never be read as a placeholder.
///
/// "Does not occur" means in the parsed tree, not just in the bytes: cmark decodes character
/// references in text, link destinations, titles and info strings, so `&#xE000;` or `&#57344;`
/// is U+E000 once parsed. The mark therefore also avoids the value of every numeric reference
/// (`&#` + digits, `&#x` + hex digits) anywhere in the source, read more liberally than cmark
/// does (any length, with or without `;`, escaped or in code): avoiding too much costs nothing.
/// No named reference decodes to a private-use character (none of the HTML5 entities cmark
/// knows does), and raw HTML and code keep references undecoded. That is the whole of what an
/// author can write, so the mark is still proven absent by looking at the chapter alone;
/// `MathRestorer` checks it after cmark anyway and fails loudly should it ever be wrong.
///
/// Fixed private-use sentinels did collide: U+E000 followed by the "digits" U+E010… in prose
/// restored a formula twice, and enough of those digits overflowed the index. The other
/// scheme considered, putting math back by source position, would depend on cmark reporting
/// positions for every text node it merges, splits and unescapes; a character proven absent
/// depends on nothing but the chapter.
struct MathPlaceholders: Sendable, Equatable {
    /// The private-use character absent from the chapter.
    let mark: Unicode.Scalar

    /// Private-use characters tried in order: the BMP area, then planes 15 and 16.
    static let candidates: [ClosedRange<UInt32>] = [0xE000...0xF8FF, 0xF0000...0xFFFFD, 0x100000...0x10FFFD]

    /// A scheme whose mark does not occur in `source`; nil only if `source` uses every one of the
    /// 137,468 private-use characters (half a megabyte of them).
    init?(avoiding source: String) {
        var used = Self.referencedScalars(in: source)
        for scalar in source.unicodeScalars where scalar.value >= 0xE000 {
            if Self.candidates.contains(where: { $0.contains(scalar.value) }) { used.insert(scalar.value) }
        }
        for range in Self.candidates {
            if let free = range.first(where: { !used.contains($0) }), let scalar = Unicode.Scalar(free) {
                self.mark = scalar
                return
            }
        }
        return nil
    }

    /// The values of the numeric character references in `source`: `&#` then decimal digits, or
    /// `&#x`/`&#X` then hex digits (no `;` needed, leading zeros and any length allowed; a value
    /// past U+10FFFF is no character and is left out). A superset of what cmark decodes.
    static func referencedScalars(in source: String) -> Set<UInt32> {
        var found = Set<UInt32>()
        let bytes = Array(source.utf8)
        var index = 0
        while index + 2 < bytes.count {
            guard bytes[index] == UInt8(ascii: "&"), bytes[index + 1] == UInt8(ascii: "#") else {
                index += 1
                continue
            }
            var cursor = index + 2
            let hex = bytes[cursor] == UInt8(ascii: "x") || bytes[cursor] == UInt8(ascii: "X")
            if hex { cursor += 1 }
            var value: UInt32 = 0
            var digits = 0
            while cursor < bytes.count, let digit = Self.digit(bytes[cursor], hex: hex) {
                // Saturates above the last code point, so no run of digits overflows.
                value = min(value * (hex ? 16 : 10) + digit, 0x11_0000)
                digits += 1
                cursor += 1
            }
            if digits > 0, value <= 0x10_FFFF { found.insert(value) }
            index = cursor
        }
        return found
    }

    private static func digit(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f") where hex: UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F") where hex: UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    init(mark: Unicode.Scalar) {
        self.mark = mark
    }

    func placeholder(for index: Int) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(mark)
        scalars.append(contentsOf: String(index).unicodeScalars)
        scalars.append(mark)
        return String(scalars)
    }

    var continuation: String { String(String.UnicodeScalarView([mark, mark])) }

    /// One piece of a string read back: plain text, a placeholder, or a continuation mark.
    enum Piece {
        case text(String.UnicodeScalarView)
        case placeholder(Int)
        case continuation
    }

    /// Cuts `text` at its placeholders and continuation marks. Anything between two marks that
    /// is not a span index below `spanCount` stays text, so no input can make it trap.
    func pieces(of text: String, spanCount: Int) -> [Piece] {
        var pieces: [Piece] = []
        var plain = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == mark else {
                plain.append(scalars[index])
                index += 1
                continue
            }
            // Digits up to the closing mark.
            var end = index + 1
            var value = 0
            var valid = true
            while end < scalars.count, scalars[end] != mark {
                let digit = Int(scalars[end].value) - 0x30
                if (0...9).contains(digit) && value <= (spanCount - digit) / 10 {
                    value = value * 10 + digit
                } else {
                    valid = false
                }
                end += 1
            }
            guard end < scalars.count, valid, end == index + 1 || value < spanCount else {
                // Not one of ours (cannot happen while the mark is absent from the chapter): keep it.
                plain.append(scalars[index])
                index += 1
                continue
            }
            if !plain.isEmpty { pieces.append(.text(plain)) }
            plain = String.UnicodeScalarView()
            pieces.append(end == index + 1 ? .continuation : .placeholder(value))
            index = end + 1
        }
        if !plain.isEmpty { pieces.append(.text(plain)) }
        return pieces
    }

    /// `text` with each placeholder replaced by the source it stood for (`$…$` or `$$…$$`) and
    /// each line break + continuation mark removed (the source holds that line break): for
    /// text where math is not math (link destinations, titles, raw HTML, code), and the
    /// inverse of protection as a whole.
    func restoringSource(_ text: String, spans: [MathSpan]) -> String {
        guard text.unicodeScalars.contains(mark) else { return text }
        var out = String.UnicodeScalarView()
        for piece in pieces(of: text, spanCount: spans.count) {
            switch piece {
            case .text(let scalars): out.append(contentsOf: scalars)
            case .placeholder(let index): out.append(contentsOf: spans[index].source.unicodeScalars)
            case .continuation: if out.last == "\n" { out.removeLast() }
            }
        }
        return String(out)
    }
}

extension MathSpan {
    /// The span as written in the chapter, dollars included.
    var source: String {
        if literal { return tex }
        let dollars = display ? "$$" : "$"
        return dollars + tex + dollars
    }
}
