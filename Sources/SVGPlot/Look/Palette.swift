/// The categorical palette: Okabe–Ito colours (safe for colour-blind readers)
/// paired with dash patterns and marker shapes so series survive grey-scale print.
///
/// Slot `k` (1…8) is coloured through the CSS custom property `--series-k`;
/// these hex values are only the fallbacks used when a page defines none.
enum Palette {
    static let count = 8

    /// Okabe–Ito, ordered so the first series get the most distinct hues and yellow (weak on white) comes late.
    static let lightHex = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#B59F00", "#555555"]
    /// The same hues lifted for a dark background.
    static let darkHex = ["#56A8E6", "#F08040", "#2EC4A0", "#F2B84B", "#8ED0F5", "#E39AC6", "#F0E442", "#BBBBBB"]
    /// Fixed colours for class maps (they are data, not theme).
    static let categoricalHex = ["#D9D9D9", "#D55E00", "#0072B2", "#009E73", "#E69F00", "#56B4E9", "#CC79A7", "#F0E442"]

    /// SVG `stroke-dasharray` per slot; slot 1 is solid.
    static let dashes: [String?] = [nil, "7 3", "2 2.5", "9 3 2 3", "4 2", "12 3 3 3", "1.5 3", "6 2 2 2 2 2"]

    /// The marker shape per slot.
    enum Marker: CaseIterable { case circle, square, diamond, triangleUp, triangleDown, plus, cross, hexagon }
    static let markers: [Marker] = Marker.allCases

    /// Slot index (1…8) → 0-based array index.
    static func index(_ slot: Int) -> Int { ((slot - 1) % count + count) % count }
}
