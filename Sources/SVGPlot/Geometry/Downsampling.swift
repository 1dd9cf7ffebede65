/// Reduces dense polylines to what the pixel grid can show.
enum Downsampling {
    /// For x-sorted runs: per pixel column keep the first, lowest, highest and
    /// last point (in their original order), so every spike and the envelope
    /// survive. Unsorted runs fall back to Ramer–Douglas–Peucker with a
    /// quarter-pixel tolerance. Short runs are returned unchanged.
    static func reduce(_ points: [Point], columnWidth: Double = 1) -> [Point] {
        guard points.count > 8 else { return points }
        let sorted = zip(points, points.dropFirst()).allSatisfy { $0.x <= $1.x }
        let span = (points.last!.x - points.first!.x) / columnWidth
        if sorted {
            guard Double(points.count) > 2 * span else { return points }
            return minMaxPerColumn(points, columnWidth: columnWidth)
        }
        return rdp(points, tolerance: 0.25)
    }

    static func minMaxPerColumn(_ points: [Point], columnWidth: Double) -> [Point] {
        var result: [Point] = []
        var start = 0
        while start < points.count {
            let column = (points[start].x / columnWidth).rounded(.down)
            var end = start
            var low = start, high = start
            while end + 1 < points.count, (points[end + 1].x / columnWidth).rounded(.down) == column {
                end += 1
                if points[end].y < points[low].y { low = end }
                if points[end].y > points[high].y { high = end }
            }
            for index in Set([start, low, high, end]).sorted() { result.append(points[index]) }
            start = end + 1
        }
        return result
    }

    /// Ramer–Douglas–Peucker without recursion (an explicit stack), so 10⁵ points cannot overflow.
    static func rdp(_ points: [Point], tolerance: Double) -> [Point] {
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (first, last) = stack.popLast() {
            guard last > first + 1 else { continue }
            let a = points[first], b = points[last]
            let dx = b.x - a.x, dy = b.y - a.y
            let length = (dx * dx + dy * dy).squareRoot()
            var worst = first, worstDistance = -1.0
            for i in (first + 1)..<last {
                let p = points[i]
                let distance = length > 0
                    ? abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / length
                    : ((p.x - a.x) * (p.x - a.x) + (p.y - a.y) * (p.y - a.y)).squareRoot()
                if distance > worstDistance { worstDistance = distance; worst = i }
            }
            if worstDistance > tolerance {
                keep[worst] = true
                stack.append((first, worst))
                stack.append((worst, last))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }

    /// Scatter points: beyond 2,000 markers, keep the first marker per cell of a
    /// grid fine enough (≤ 8,000 cells over the plot, about a marker's size)
    /// that the picture does not change, in input order.
    static func thinMarkers(_ points: [Point], area: Rect) -> [Point] {
        guard points.count > 2000 else { return points }
        let cell = max(0.5, (area.width * area.height / 8000).squareRoot())
        var seen = Set<Int64>()
        var result: [Point] = []
        for p in points {
            let key = Int64((p.x / cell).rounded(.down)) << 32 ^ Int64((p.y / cell).rounded(.down))
            if seen.insert(key).inserted { result.append(p) }
        }
        return result
    }
}
