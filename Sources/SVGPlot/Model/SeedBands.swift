/// How a band over an experiment's seeds spans each x: from the lowest run to the
/// highest, or one standard deviation (n − 1) either side of the mean.
public enum SeedSpread: String, Sendable, CaseIterable {
    case minMax = "min-max"
    case sd

    /// As the figure's description says it.
    var words: String {
        switch self {
        case .minMax: "lowest to highest"
        case .sd: "mean ± one standard deviation"
        }
    }
}

extension Figure {
    /// This figure (one seed's run) with a shaded band under each of its lines, spanning
    /// that line's values over `runs`: the same figure from every seed, this one among
    /// them. A line whose runs differ in shape or x gets no band. The band takes the
    /// line's name, so it takes the line's colour and adds no legend entry.
    public func withSeedBands(over runs: [Figure], spread: SeedSpread) -> Figure {
        guard runs.count > 1 else { return self }
        var figure = self
        var banded = 0
        for p in figure.panels.indices {
            var layers: [Layer] = []
            for (l, layer) in figure.panels[p].layers.enumerated() {
                if case .line(let series) = layer, let band = Self.band(series, panel: p, layer: l, over: runs, spread: spread) {
                    layers.append(.band(band))
                    banded += 1
                }
                layers.append(layer)
            }
            figure.panels[p].layers = layers
        }
        if banded > 0 {
            figure.description += " Shaded around each line: \(spread.words) over \(runs.count) seeds."
        }
        return figure
    }

    private static func band(_ series: Series, panel p: Int, layer l: Int, over runs: [Figure], spread: SeedSpread) -> Band? {
        let ys = runs.compactMap { run -> [Double]? in
            guard p < run.panels.count, l < run.panels[p].layers.count,
                  case .line(let other) = run.panels[p].layers[l], other.x == series.x, other.y.count == series.y.count else { return nil }
            return other.y
        }
        guard ys.count == runs.count else { return nil }
        var lower: [Double] = [], upper: [Double] = []
        for i in series.y.indices {
            let values = ys.map { $0[i] }
            switch spread {
            case .minMax:
                lower.append(values.min()!)
                upper.append(values.max()!)
            case .sd:
                let mean = values.reduce(0, +) / Double(values.count)
                let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
                lower.append(mean - sd)
                upper.append(mean + sd)
            }
        }
        return Band(series.name, x: series.x, lower: lower, upper: upper, style: series.style)
    }
}
