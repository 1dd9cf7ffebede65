/// What an expression evaluates to: a number, or true or false.
public enum ClaimValue: Sendable, Equatable, CustomStringConvertible {
    /// A number.
    case number(Double)
    /// True or false.
    case boolean(Bool)

    /// Which of the two it is.
    public var type: ClaimType {
        switch self {
        case .number: .number
        case .boolean: .boolean
        }
    }

    /// The number, or nil for true or false.
    public var number: Double? {
        if case .number(let value) = self { value } else { nil }
    }

    /// True or false, or nil for a number.
    public var boolean: Bool? {
        if case .boolean(let value) = self { value } else { nil }
    }

    /// The number in Swift's shortest round-trip form, or `true` / `false`.
    public var description: String {
        switch self {
        case .number(let value): "\(value)"
        case .boolean(let value): "\(value)"
        }
    }
}

/// The type of an expression, known when it is parsed: a number or true or false.
public enum ClaimType: Sendable, Hashable, CustomStringConvertible {
    /// Arithmetic, functions, names and numbers.
    case number
    /// Comparisons, `and`, `or`, `not`, `all(…)` and `any(…)`.
    case boolean

    /// `a number` or `true or false`, for messages.
    public var description: String {
        switch self {
        case .number: "a number"
        case .boolean: "true or false"
        }
    }
}
