/// How a heatmap turns values into colours.
public enum Colormap: Sendable, Equatable, Codable {
    /// Perceptually uniform dark-violet → yellow (matplotlib's viridis), for magnitudes.
    case viridis
    /// Blue → near-white → red around `center`, for signed quantities.
    case diverging(center: Double)
    /// Black → white, for input images.
    case gray
    /// Class index → the categorical palette, for segmentation maps; the labels go in the legend.
    case categorical([String])

    /// Blue → white → red around zero.
    public static let diverging = Colormap.diverging(center: 0)

    /// How many distinct colours a continuous map is cut into: enough that no
    /// band is visible, few enough that equal neighbours merge into one run.
    static let steps = 64

    /// The colour of `value` as `#rrggbb`; non-finite values get `nil` (left unpainted).
    func color(_ value: Double, range: ClosedRange<Double>) -> String? {
        guard value.isFinite else { return nil }
        if case .categorical = self {
            let index = Int(value.rounded())
            return Palette.categoricalHex[((index % Palette.count) + Palette.count) % Palette.count]
        }
        return color(atStep: step(value, range: range))
    }

    /// The quantised step of `value`, 0 ..< `steps`.
    func step(_ value: Double, range: ClosedRange<Double>) -> Int {
        let span = range.upperBound - range.lowerBound
        let t = span > 0 ? (value - range.lowerBound) / span : 0.5
        return min(max(Int(t * Double(Colormap.steps)), 0), Colormap.steps - 1)
    }

    /// The colour at the middle of quantised step `step`.
    func color(atStep step: Int) -> String {
        color(at: (Double(step) + 0.5) / Double(Colormap.steps))
    }

    /// The colour at `t` ∈ [0, 1] along the map.
    func color(at t: Double) -> String {
        let stops: [UInt32]
        switch self {
        case .viridis: stops = Colormap.viridisStops
        case .diverging: stops = Colormap.divergingStops
        case .gray: stops = [0x000000, 0xFFFFFF]
        case .categorical: stops = Palette.categoricalHex.map { UInt32($0.dropFirst(), radix: 16) ?? 0 }
        }
        let clamped = min(max(t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(clamped), stops.count - 2)
        let f = clamped - Double(i)
        func channel(_ c: UInt32, _ shift: UInt32) -> Double { Double((c >> shift) & 0xFF) }
        var hex = "#"
        for shift: UInt32 in [16, 8, 0] {
            let v = channel(stops[i], shift) * (1 - f) + channel(stops[i + 1], shift) * f
            let byte = UInt8(min(max(v.rounded(), 0), 255))
            hex += String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }
        return hex
    }

    /// matplotlib's viridis at t = 0, 0.1, …, 1.
    static let viridisStops: [UInt32] = [
        0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C, 0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725,
    ]
    /// ColorBrewer RdBu reversed, with a light grey centre so zero is visible on white.
    static let divergingStops: [UInt32] = [
        0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF2F2F2, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
    ]
}
