import Foundation

/// Numbers as the sentences print them: a fixed number of significant digits,
/// trailing zeros kept (so `0.3000` says it was rounded to four digits),
/// positional between 0.001 and a million, `1.235e-5` outside; whole numbers
/// below a million as integers; `NaN`, `inf`, `-inf`.
enum NumberText {
    /// The digits sentences start with; a comparison whose sides print alike at
    /// four digits gets more (see `SentenceRenderer`).
    static let defaultDigits = 4

    static func format(_ value: Double, digits: Int) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        if value == 0 { return "0" }
        if value == value.rounded(), abs(value) < 1e6 { return String(Int(value)) }
        let digits = min(max(digits, 1), 17)
        // The exponent after rounding to `digits` digits: 9.99996 at four digits is 10.00, exponent 1.
        let scientific = PrintfNumber.scientific(value, digits: digits - 1)
        guard let mark = scientific.firstIndex(of: "e"), let exponent = Int(scientific[scientific.index(after: mark)...]) else {
            return scientific
        }
        if (-3..<6).contains(exponent) {
            return PrintfNumber.fixed(value, digits: max(digits - 1 - exponent, 0))
        }
        return String(scientific[..<mark]) + "e" + String(exponent)
    }
}
