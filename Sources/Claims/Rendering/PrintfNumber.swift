import Foundation

/// C's `%.*f` and `%.*e` (the C locale: a Swift program never sets another), without
/// Foundation's `String(format:)`, which builds a CFString for every number: a few
/// percent of a large book's build, where every value and claim prints numbers.
public enum PrintfNumber {
    /// `%.<digits>f`.
    public static func fixed(_ value: Double, digits: Int) -> String { format("%.*f", value, digits) }

    /// `%.<digits>e`.
    public static func scientific(_ value: Double, digits: Int) -> String { format("%.*e", value, digits) }

    private static func format(_ specifier: String, _ value: Double, _ digits: Int) -> String {
        var capacity = 64
        while true {
            let (count, text) = withUnsafeTemporaryAllocation(of: CChar.self, capacity: capacity) { buffer in
                let count = withVaList([Int32(digits), value]) { vsnprintf(buffer.baseAddress!, buffer.count, specifier, $0) }
                return (Int(count), count >= 0 && Int(count) < buffer.count ? String(cString: buffer.baseAddress!) : nil)
            }
            if let text { return text }
            guard count >= 0 else { return String(format: specifier, Int32(digits), value) }
            capacity = count + 1
        }
    }
}
