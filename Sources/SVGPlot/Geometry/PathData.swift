/// SVG path data on a 0.1 px lattice, written with relative commands.
///
/// Coordinates are rounded to tenths of a pixel once, then every step is the
/// exact difference of two rounded positions, so relative commands never
/// drift and the text stays short (`M12.3 4l.5-1.2 3 0`).
struct PathData {
    private(set) var text = ""
    private var current: (x: Int, y: Int) = (0, 0)
    private var subpathStart: (x: Int, y: Int) = (0, 0)
    private var lastCommand: Character?

    static func tenths(_ v: Double) -> Int {
        Int((min(max(v, -1e6), 1e6) * 10).rounded())
    }

    /// Starts a new subpath at `p`.
    mutating func move(_ p: Point) {
        let target = (PathData.tenths(p.x), PathData.tenths(p.y))
        if text.isEmpty {
            command("M", target.0, target.1)
        } else {
            command("m", target.0 - current.x, target.1 - current.y)
        }
        current = target
        subpathStart = target
    }

    /// A straight line to `p`; repeated points are skipped.
    mutating func line(_ p: Point) {
        let target = (PathData.tenths(p.x), PathData.tenths(p.y))
        let dx = target.0 - current.x, dy = target.1 - current.y
        if dx == 0 && dy == 0 && lastCommand == "l" { return }
        if dy == 0 && dx != 0 {
            command("h", dx)
        } else if dx == 0 && dy != 0 {
            command("v", dy)
        } else {
            command("l", dx, dy)
        }
        current = target
    }

    mutating func close() {
        text += "z"
        lastCommand = "z"
        current = subpathStart
    }

    /// A polyline through `points` as one subpath.
    mutating func polyline(_ points: [Point]) {
        guard let first = points.first else { return }
        move(first)
        for p in points.dropFirst() { line(p) }
        if points.count == 1 { command("h", 0) }
    }

    /// A closed polygon.
    mutating func polygon(_ points: [Point]) {
        polyline(points)
        close()
    }

    /// Appends a command letter (omitted when it repeats) and its numbers.
    private mutating func command(_ letter: Character, _ numbers: Int...) {
        // Numbers after "m" continue as "l"; a second move must be spelled out.
        let implicit = (lastCommand == letter && letter != "m" && letter != "M") || (letter == "l" && lastCommand == "m")
        if !implicit { text.append(letter) }
        for (i, n) in numbers.enumerated() {
            let number = PathData.format(n)
            let needsSeparator = (implicit || i > 0) && !number.hasPrefix("-")
            if needsSeparator { text += " " }
            text += number
        }
        lastCommand = letter
    }

    /// Tenths of a pixel as the shortest decimal: 123 → "12.3", 5 → ".5", -5 → "-.5", 20 → "2".
    static func format(_ tenths: Int) -> String {
        let sign = tenths < 0 ? "-" : ""
        let magnitude = tenths.magnitude
        let whole = magnitude / 10, fraction = magnitude % 10
        if fraction == 0 { return sign + String(whole) }
        return sign + (whole == 0 ? "" : String(whole)) + "." + String(fraction)
    }
}
