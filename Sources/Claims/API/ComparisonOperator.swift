/// `<`, `<=`, `>`, `>=`, `==` and `!=` between numbers.
///
/// Two numbers are equal when they differ by at most ``relativeTolerance`` of the
/// larger magnitude, so that `==` survives the rounding of a different but
/// equivalent computation. The orderings agree with that equality: `<=` is
/// "less or equal", `<` is "less and not equal", so `a <= b` never fails while
/// `a == b` holds.
public enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    /// `a < b`: less and not equal.
    case less = "<"
    /// `a <= b`: less or equal.
    case lessOrEqual = "<="
    /// `a > b`: greater and not equal.
    case greater = ">"
    /// `a >= b`: greater or equal.
    case greaterOrEqual = ">="
    /// `a == b`: equal within the tolerance.
    case equal = "=="
    /// `a != b`: not equal within the tolerance.
    case notEqual = "!="

    /// How far apart, relative to the larger magnitude, two numbers may be and still be equal: 1e-9.
    public static let relativeTolerance = 1e-9

    /// Whether `a` and `b` are equal within ``relativeTolerance``; an infinity
    /// equals only itself, NaN equals nothing.
    public static func equalWithinTolerance(_ a: Double, _ b: Double) -> Bool {
        a == b || (a.isFinite && b.isFinite && abs(a - b) <= relativeTolerance * Swift.max(abs(a), abs(b)))
    }

    /// Whether `a op b` holds.
    public func holds(_ a: Double, _ b: Double) -> Bool {
        let equal = Self.equalWithinTolerance(a, b)
        switch self {
        case .less: return a < b && !equal
        case .lessOrEqual: return a < b || equal
        case .greater: return a > b && !equal
        case .greaterOrEqual: return a > b || equal
        case .equal: return equal
        case .notEqual: return !equal
        }
    }
}
