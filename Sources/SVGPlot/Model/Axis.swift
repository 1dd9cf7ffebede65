/// One axis of a panel: its label, its scale and optionally fixed limits.
public struct Axis: Sendable, Equatable, Codable {
    /// How data values map to positions.
    public enum Scale: Sendable, Equatable, Codable {
        case linear
        /// Base-10 logarithmic with decade ticks; values ≤ 0 are treated as missing.
        case log
    }

    public var label: String?
    public var scale: Scale
    /// Fixed limits; `nil` fits the data (with a little padding for lines and points).
    public var limits: ClosedRange<Double>?
    /// Hides ticks, tick labels and the axis line (images).
    public var isHidden: Bool

    public init(_ label: String? = nil, scale: Scale = .linear, limits: ClosedRange<Double>? = nil, isHidden: Bool = false) {
        self.label = label
        self.scale = scale
        self.limits = limits
        self.isHidden = isHidden
    }

    /// An axis with nothing drawn, for images.
    public static let hidden = Axis(isHidden: true)
}
