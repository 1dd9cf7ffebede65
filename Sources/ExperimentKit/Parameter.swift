/// One named parameter of an experiment as a reader sees it: shown on the page
/// that uses the experiment and part of the key its cached result is stored under.
///
/// Experiments do not build these by hand: they mark stored properties with
/// ``Param`` (and, for a line computed from several settings, store a
/// ``DerivedParameter``), and ``Experiment/parameters`` collects them.
public struct Parameter: Sendable, Equatable, Codable {
    /// A parameter's value, typed, with the text the page shows for it.
    public enum Value: Sendable, Equatable, Codable, CustomStringConvertible {
        /// A whole number, shown as `100`.
        case int(Int)
        /// A number, shown in Swift's shortest round-trip form: `0.1`, `1e-06`.
        case double(Double)
        /// Text, shown as it is.
        case string(String)
        /// `true` or `false`.
        case bool(Bool)
        /// A list of numbers, shown as `[0.3, 0.1]`; a closed range is shown this way too.
        case doubles([Double])

        /// The text the page shows and the cache key hashes.
        public var description: String {
            switch self {
            case .int(let value): String(value)
            case .double(let value): Self.shortest(value)
            case .string(let value): value
            case .bool(let value): String(value)
            case .doubles(let values): "[" + values.map(Self.shortest).joined(separator: ", ") + "]"
            }
        }

        /// `0.1`, `1e-06`: Swift's shortest round-trip form, stable across platforms.
        private static func shortest(_ value: Double) -> String { "\(value)" }
    }

    /// The name the page shows (`learning rate`).
    public var name: String
    /// The value, shown as its `description`.
    public var value: Value

    /// A parameter named `name` with `value`.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}

/// A type whose values an ``Param`` shows without being told how:
/// `Int`, `UInt64`, `Double`, `String`, `Bool`, `[Double]` and `ClosedRange<Double>`.
public protocol ParameterValue: Sendable {
    /// The value as a ``Parameter/Value``, which decides the shown text.
    var parameterValue: Parameter.Value { get }
}

extension Int: ParameterValue {
    /// `.int(self)`.
    public var parameterValue: Parameter.Value { .int(self) }
}

extension UInt64: ParameterValue {
    /// `.int`, for seeds: the same digits as the number itself.
    public var parameterValue: Parameter.Value { Int(exactly: self).map(Parameter.Value.int) ?? .string(String(self)) }
}

extension Double: ParameterValue {
    /// `.double(self)`.
    public var parameterValue: Parameter.Value { .double(self) }
}

extension String: ParameterValue {
    /// `.string(self)`.
    public var parameterValue: Parameter.Value { .string(self) }
}

extension Bool: ParameterValue {
    /// `.bool(self)`.
    public var parameterValue: Parameter.Value { .bool(self) }
}

extension Array: ParameterValue where Element == Double {
    /// `.doubles(self)`.
    public var parameterValue: Parameter.Value { .doubles(self) }
}

extension ClosedRange: ParameterValue where Bound == Double {
    /// `.doubles([lowerBound, upperBound])`, shown as `[-8.0, 8.0]`.
    public var parameterValue: Parameter.Value { .doubles([lowerBound, upperBound]) }
}
