/// A straight line across the panel: a baseline, a threshold or the diagonal y = x.
public struct ReferenceLine: Sendable, Equatable, Codable {
    public enum Kind: Sendable, Equatable, Codable {
        case horizontal(y: Double)
        case vertical(x: Double)
        /// y = slope · x + intercept, clipped to the panel.
        case sloped(slope: Double, intercept: Double)
    }

    public var kind: Kind
    /// Written at the line's end inside the panel.
    public var label: String?

    public init(_ kind: Kind, label: String? = nil) {
        self.kind = kind
        self.label = label
    }

    /// The diagonal y = x (perfect calibration).
    public static func diagonal(label: String? = nil) -> ReferenceLine {
        ReferenceLine(.sloped(slope: 1, intercept: 0), label: label)
    }
}
