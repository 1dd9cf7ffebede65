import Claims
import ExperimentKit
import Foundation
import XMLTree

extension ValueFormat {
    /// The number as a reader sees it; nil for NaN and ±∞, which are never printed.
    func render(_ value: Double) -> [Node]? {
        guard value.isFinite else { return nil }
        switch self {
        case .fixed(let digits), .plusMinus(let digits):
            return [.text(Self.minus(PrintfNumber.fixed(value, digits: digits)))]
        case .percent(let digits):
            return [.text(Self.minus(PrintfNumber.fixed(value * 100, digits: digits)) + "%")]
        case .integer:
            return [.text(Self.minus(PrintfNumber.fixed(value.rounded(), digits: 0)))]
        case .scientific(let digits):
            // 1.23 × 10⁻⁴ as mantissa, then a superscript exponent.
            let text = PrintfNumber.scientific(value, digits: digits)
            let parts = text.split(separator: "e")
            guard parts.count == 2, let exponent = Int(parts[1]) else { return [.text(text)] }
            if exponent == 0 { return [.text(Self.minus(String(parts[0])))] }
            return [.text(Self.minus(String(parts[0])) + " × 10"), .el("sup", text: Self.minus(String(exponent)))]
        }
    }

    /// `mean ± sd` of a value over seeds (`pm:N`; sd with n − 1); nil if either is not finite.
    static func plusMinus(_ samples: [Double], digits: Int) -> [Node]? {
        guard let mean = Aggregate.mean.of(samples).flatMap(ValueFormat.fixed(digits).render),
              let sd = Aggregate.sd.of(samples).flatMap(ValueFormat.fixed(digits).render) else { return nil }
        return mean + [.text(" ± ")] + sd
    }

    /// A typographic minus sign, as in the formulas around it.
    private static func minus(_ text: String) -> String {
        let trimmed = text == "-0" || text.hasPrefix("-0") && Double(text) == 0 ? String(text.dropFirst()) : text
        return trimmed.hasPrefix("-") ? "−" + trimmed.dropFirst() : trimmed
    }
}
