/// Iso-lines of a grid by marching squares, joined into polylines.
///
/// Nodes are the grid values; each square between four nodes contributes 0,
/// 1 or 2 segments whose ends lie on the square's edges. Ends are identified
/// by the edge they lie on, so joining segments into polylines is exact (no
/// floating-point matching) and the output order is deterministic.
enum MarchingSquares {
    /// A point in grid-index space: `column` and `row` are fractional node indices.
    struct GridPoint: Equatable {
        var column: Double
        var row: Double
    }

    static func isolines(_ values: [[Double]], level: Double) -> [[GridPoint]] {
        let rows = values.count, columns = values.first?.count ?? 0
        guard rows >= 2, columns >= 2 else { return [] }

        // Edge keys: horizontal edge (r, c)–(r, c+1) is 2·(r·columns + c), vertical (r, c)–(r+1, c) is that + 1.
        func horizontal(_ r: Int, _ c: Int) -> Int { 2 * (r * columns + c) }
        func vertical(_ r: Int, _ c: Int) -> Int { 2 * (r * columns + c) + 1 }
        var position: [Int: GridPoint] = [:]
        var neighbours: [Int: [Int]] = [:]

        func crossing(_ key: Int) -> GridPoint {
            if let p = position[key] { return p }
            let node = key / 2, r = node / columns, c = node % columns
            let (r2, c2) = key % 2 == 0 ? (r, c + 1) : (r + 1, c)
            let a = values[r][c], b = values[r2][c2]
            let t = a == b ? 0.5 : min(max((level - a) / (b - a), 0), 1)
            let p = GridPoint(column: Double(c) + t * Double(c2 - c), row: Double(r) + t * Double(r2 - r))
            position[key] = p
            return p
        }
        func connect(_ a: Int, _ b: Int) {
            _ = crossing(a)
            _ = crossing(b)
            neighbours[a, default: []].append(b)
            neighbours[b, default: []].append(a)
        }

        for r in 0..<(rows - 1) {
            for c in 0..<(columns - 1) {
                let a = values[r][c], b = values[r][c + 1], cc = values[r + 1][c + 1], d = values[r + 1][c]
                guard a.isFinite, b.isFinite, cc.isFinite, d.isFinite else { continue }
                let ia = a > level, ib = b > level, ic = cc > level, id = d > level
                let e0 = horizontal(r, c), e1 = vertical(r, c + 1), e2 = horizontal(r + 1, c), e3 = vertical(r, c)
                var crossed: [Int] = []
                if ia != ib { crossed.append(e0) }
                if ib != ic { crossed.append(e1) }
                if id != ic { crossed.append(e2) }
                if ia != id { crossed.append(e3) }
                if crossed.count == 2 {
                    connect(crossed[0], crossed[1])
                } else if crossed.count == 4 {
                    // Saddle: the centre value decides which diagonal pair is joined.
                    let centreInside = (a + b + cc + d) / 4 > level
                    if centreInside == ia {
                        connect(e0, e1)
                        connect(e2, e3)
                    } else {
                        connect(e3, e0)
                        connect(e1, e2)
                    }
                }
            }
        }

        var visited = Set<Int>()
        var lines: [[GridPoint]] = []
        func walk(from start: Int) -> [GridPoint] {
            var chain = [start]
            visited.insert(start)
            var current = start
            while let next = neighbours[current]?.first(where: { !visited.contains($0) }) {
                visited.insert(next)
                chain.append(next)
                current = next
            }
            // Close loops explicitly so the polyline ends where it began.
            if chain.count > 2, neighbours[current]?.contains(start) == true { chain.append(start) }
            return chain.map { position[$0]! }
        }
        let keys = neighbours.keys.sorted()
        for key in keys where neighbours[key]!.count == 1 && !visited.contains(key) { lines.append(walk(from: key)) }
        for key in keys where !visited.contains(key) { lines.append(walk(from: key)) }
        return lines
    }
}
