/// Palette slots for named series across a whole figure, so the same name has
/// the same colour, dash and marker in every panel of a small-multiples grid.
struct SeriesStyles: Sendable {
    private var slots: [String: Int] = [:]

    init(_ figure: Figure) {
        var next = 1
        for panel in figure.panels {
            for (name, explicit) in panel.layers.flatMap(SeriesStyles.styled) where explicit == nil && slots[name] == nil {
                slots[name] = next
                next = next % Palette.count + 1
            }
        }
    }

    /// The slot of a series: its explicit style, else the one assigned to its name.
    func slot(_ name: String, explicit: Int?) -> Int { explicit ?? slots[name] ?? 1 }

    /// The styled series a layer contains, with their explicit slots.
    static func styled(_ layer: Layer) -> [(String, Int?)] {
        switch layer {
        case .line(let s), .scatter(let s): [(s.name, s.style)]
        case .bars(let b): [(b.name, b.style)]
        case .band(let b): [(b.name, b.style)]
        case .groupedBars(let g): g.groups.map { ($0.name, $0.style) }
        case .heatmap, .contours, .span, .reference, .annotation: []
        }
    }
}
