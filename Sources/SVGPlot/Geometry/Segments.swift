/// Splits paired data into drawable runs: a value that cannot be placed
/// (NaN, ±∞, ≤ 0 on a log axis) ends the current run instead of being drawn at
/// zero or crashing.
enum Segments {
    static func split(x: [Double], y: [Double], _ mapX: AxisMap, _ mapY: AxisMap) -> [[Point]] {
        var runs: [[Point]] = []
        var current: [Point] = []
        for i in 0..<min(x.count, y.count) {
            if let px = mapX(x[i]), let py = mapY(y[i]) {
                current.append(Point(x: px, y: py))
            } else if !current.isEmpty {
                runs.append(current)
                current = []
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }
}
