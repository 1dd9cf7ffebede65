extension Panel {
    /// A reliability diagram: observed accuracy per confidence bin as bars on
    /// [0, 1] with the diagonal of perfect calibration.
    ///
    /// - Parameters:
    ///   - binEdges: `n + 1` increasing edges in [0, 1].
    ///   - accuracy: the fraction correct in each of the `n` bins (NaN for an empty bin: no bar).
    ///   - confidence: the mean predicted probability per bin, drawn as markers, if given.
    public static func reliabilityDiagram(
        title: String? = nil, binEdges: [Double], accuracy: [Double], confidence: [Double]? = nil
    ) -> Panel {
        let n = max(binEdges.count - 1, 0)
        var layers: [Layer] = [
            .bars(Bars("observed accuracy", left: Array(binEdges.prefix(n)), right: Array(binEdges.dropFirst().prefix(n)), height: accuracy, style: 1)),
            .reference(.diagonal(label: "perfect calibration")),
        ]
        if let confidence {
            let centers = (0..<min(n, confidence.count)).map { (binEdges[$0] + binEdges[$0 + 1]) / 2 }
            layers.append(.scatter(Series("mean confidence", x: centers, y: Array(confidence.prefix(centers.count)), style: 2)))
        }
        return Panel(
            title: title, x: Axis("predicted probability", limits: 0...1), y: Axis("observed frequency", limits: 0...1),
            equalAspect: true, layers: layers)
    }
}
