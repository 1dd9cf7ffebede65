/// One named, typed parameter of an experiment, shown on the page and part of the cache key.
public struct Parameter: Sendable, Equatable, Codable {
    public enum Value: Sendable, Equatable, Codable, CustomStringConvertible {
        case int(Int)
        case double(Double)
        case string(String)
        case bool(Bool)
        case doubles([Double])

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

    public var name: String
    public var value: Value

    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}
