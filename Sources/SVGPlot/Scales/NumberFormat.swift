import Foundation

/// Deterministic number printing for coordinates, tick labels and CSV.
///
/// Never goes through locale-dependent formatters, so output is byte-identical
/// everywhere.
enum NumberFormat {
    /// `value` rounded to `decimals` places, trailing zeros and "-0" removed.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "Infinity" : "-Infinity") }
        let d = max(0, min(decimals, 15))
        var scale: Double = 1
        for _ in 0..<d { scale *= 10 }
        let scaled = (value * scale).rounded()
        if abs(scaled) >= 9e15 {
            // Beyond exact integers: the shortest round-trip form is as good as it gets.
            return shortest(value, significant: 17)
        }
        let integer = Int64(scaled)
        if integer == 0 { return "0" }
        let negative = integer < 0
        var digits = String(integer.magnitude)
        if d > 0 {
            if digits.count <= d { digits = String(repeating: "0", count: d - digits.count + 1) + digits }
            let split = digits.index(digits.endIndex, offsetBy: -d)
            var fraction = String(digits[split...])
            while fraction.last == "0" { fraction.removeLast() }
            digits = String(digits[..<split]) + (fraction.isEmpty ? "" : "." + fraction)
        }
        return (negative ? "-" : "") + digits
    }

    /// An SVG coordinate in CSS pixels: one decimal keeps every point within 0.05 px.
    static func coordinate(_ value: Double) -> String { fixed(value, decimals: 1) }

    /// `value` with at most `significant` significant digits, plain decimal notation when short.
    static func shortest(_ value: Double, significant: Int) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : fixed(value, decimals: 0) }
        let exponent = Int(log10(abs(value)).rounded(.down))
        let decimals = significant - 1 - exponent
        if decimals >= 0 && decimals <= 15 { return fixed(value, decimals: decimals) }
        return String(format: "%.\(max(significant - 1, 0))e", value)
    }

    /// A tick label for `value` on an axis whose ticks are `step` apart:
    /// as many decimals as the step needs, a true minus sign, and
    /// `m×10ⁿ` for very large or very small magnitudes.
    static func tick(_ value: Double, step: Double) -> String {
        if value == 0 { return "0" }
        let magnitude = max(abs(value), step)
        if magnitude >= 1e6 || (step < 1e-4 && abs(value) < 1e-3) {
            let exponent = Int(log10(abs(value)).rounded(.down))
            let mantissa = value / Ticks.pow10(exponent)
            let stepDigits = max(0, Int((-log10(step / Ticks.pow10(exponent))).rounded(.up)))
            let m = minus(fixed(mantissa, decimals: min(stepDigits, 3)))
            return (m == "1" ? "" : m == "−1" ? "−" : m + "×") + "10" + superscript(exponent)
        }
        let decimals = max(0, Int((-log10(step) + 1e-9).rounded(.up)))
        return minus(fixed(value, decimals: decimals))
    }

    /// A decade label `10ⁿ` for log axes (10⁰ and 10¹ too, so the labels read as one sequence).
    static func decade(_ value: Double) -> String {
        "10" + superscript(Int(log10(value).rounded()))
    }

    /// Replaces the hyphen-minus with U+2212, which lines up with digits.
    static func minus(_ text: String) -> String {
        text.hasPrefix("-") ? "\u{2212}" + text.dropFirst() : text
    }

    static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        let body = String(String(abs(n)).compactMap { $0.wholeNumberValue.map { digits[$0] } })
        return (n < 0 ? "⁻" : "") + body
    }

    /// A CSV cell: the shortest text that reads back as the same Double.
    static func csv(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
