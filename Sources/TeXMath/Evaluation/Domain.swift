/// Where a given variable is sampled: an interval, a finite set, or a vector of either.
struct Domain: Sendable, Equatable {
    enum Values: Sendable, Equatable {
        case interval(lower: Double, upper: Double, openLower: Bool, openUpper: Bool)
        case set([Double])
        case integers(ClosedRange<Int>)
    }

    var values: Values
    /// Vector length for `[-2, 2]^N`; nil for scalars.
    var length: Int?

    /// 2^53: the largest magnitude below which a Double holds every integer.
    static let largestExactInteger: UInt = 1 << 53

    /// One sample of a scalar from `values`.
    func sampleScalar(_ generator: inout SplitMix64) -> Double {
        switch values {
        case .interval(let lower, let upper, let openLower, let openUpper):
            // Rounding can land on an excluded end of a very narrow interval; retry a bounded number of times.
            for _ in 0..<64 {
                let x = min(max(lower + (upper - lower) * generator.unit(), lower), upper)
                if (openLower && x <= lower) || (openUpper && x >= upper) { continue }
                return x
            }
            return lower / 2 + upper / 2
        case .set(let values):
            return values[Int(generator.next() % UInt64(values.count))]
        case .integers(let range):
            // In UInt64 so that no range can overflow the count (parsing keeps ranges within ±2^53).
            let span = UInt64(truncatingIfNeeded: range.upperBound &- range.lowerBound)
            let offset = span == .max ? generator.next() : generator.next() % (span + 1)
            return Double(range.lowerBound &+ Int(truncatingIfNeeded: offset))
        }
    }

    /// `[−6, 6]`, `(0, 1)`, `{0, 1}`, `{1, …, 10}`, with a superscript length for vectors.
    var description: String {
        let base: String
        switch values {
        case .interval(let lower, let upper, let openLower, let openUpper):
            base = (openLower ? "(" : "[") + Domain.format(lower) + ", " + Domain.format(upper) + (openUpper ? ")" : "]")
        case .set(let values):
            base = "{" + values.map(Domain.format).joined(separator: ", ") + "}"
        case .integers(let range):
            base = "{\(Domain.format(range.lowerBound)), …, \(Domain.format(range.upperBound))}"
        }
        guard let length else { return base }
        let superscripts: [Character: Character] = [
            "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹",
        ]
        return base + String(String(length).map { superscripts[$0] ?? $0 })
    }

    /// Integers without a decimal point, and a real minus sign.
    static func format(_ value: Double) -> String {
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    static func format(_ value: Int) -> String {
        value < 0 ? "−\(value.magnitude)" : "\(value)"
    }
}
