import Foundation

/// The data behind a figure as CSV.
///
/// Curves, bars and bands: wide format, a header row and one column per
/// series. Series that share the same x values share one `x` column;
/// otherwise each series brings its own `<name> x` column. Figures with a
/// heatmap or contours: long format, one row per grid cell
/// (`panel,layer,x,y,value`), since a grid has no natural column per series.
/// Numbers are written in their shortest round-trip form; missing cells are empty.
struct CSVExport {
    let figure: Figure

    func text() -> String {
        String(decoding: bytes(), as: UTF8.self)
    }

    /// The CSV as UTF-8. Written straight into one buffer: a figure's grid has
    /// thousands of cells, and a string per cell and per row was most of the cost.
    func bytes() -> [UInt8] {
        let hasGrid = figure.panels.contains { $0.layers.contains { if case .heatmap = $0 { true } else if case .contours = $0 { true } else { false } } }
        var out = CSVWriter()
        if hasGrid { longTable(&out) } else { wideTable(&out) }
        return out.bytes
    }

    private func longTable(_ out: inout CSVWriter) {
        out.row(["panel", "layer", "x", "y", "value"])
        for (index, panel) in figure.panels.enumerated() {
            let panelName = panel.title ?? "\(index + 1)"
            for layer in panel.layers {
                switch layer {
                case .heatmap(let h): cells(h.grid, panel: panelName, layer: h.name, &out)
                case .contours(let c):
                    // The same grid as a heatmap under it is written once.
                    let duplicate = panel.layers.contains { if case .heatmap(let h) = $0 { h.grid == c.grid } else { false } }
                    if !duplicate { cells(c.grid, panel: panelName, layer: c.name, &out) }
                case .line(let s), .scatter(let s):
                    let prefix = CSVWriter.escaped(panelName) + [UInt8(ascii: ",")] + CSVWriter.escaped(s.name)
                    for (x, y) in zip(s.x, s.y) {
                        out.bytes += prefix
                        out.separator()
                        out.number(x)
                        out.separator()
                        out.number(y)
                        out.separator()
                        out.endRow()
                    }
                default: break
                }
            }
        }
    }

    private func cells(_ grid: Grid, panel: String, layer: String, _ out: inout CSVWriter) {
        let prefix = CSVWriter.escaped(panel) + [UInt8(ascii: ",")] + CSVWriter.escaped(layer)
        // A cell's x depends on its column only and its y on its row only: format each once.
        func formatted(_ value: Double) -> [UInt8] {
            var cell = CSVWriter()
            cell.number(value)
            return cell.bytes
        }
        let xs = (0..<grid.columns).map { formatted(grid.center(row: 0, column: $0).x) }
        let ys = (0..<grid.rows).map { formatted(grid.center(row: $0, column: 0).y) }
        for r in 0..<grid.rows {
            for c in 0..<grid.columns {
                out.bytes += prefix
                out.separator()
                out.bytes += xs[c]
                out.separator()
                out.bytes += ys[r]
                out.separator()
                out.number(grid.values[r][c])
                out.endRow()
            }
        }
    }

    /// A column of the wide table: numbers, or text (categories).
    private enum Cells {
        case numbers([Double])
        case text([String])

        var count: Int {
            switch self {
            case .numbers(let values): values.count
            case .text(let values): values.count
            }
        }
    }

    private func wideTable(_ out: inout CSVWriter) {
        var columns: [(header: String, cells: Cells)] = []
        func add(_ header: String, _ cells: Cells) {
            var name = header
            var k = 2
            while columns.contains(where: { $0.header == name }) {
                name = "\(header) (\(k))"
                k += 1
            }
            columns.append((name, cells))
        }
        let curves = figure.panels.flatMap(\.layers).compactMap { layer -> Series? in
            switch layer {
            case .line(let s), .scatter(let s): s
            default: nil
            }
        }
        let sharedX = curves.first.map { first in curves.allSatisfy { $0.x == first.x } } ?? false
        if sharedX, let first = curves.first { add(figure.panels[0].x.label ?? "x", .numbers(first.x)) }
        for layer in figure.panels.flatMap(\.layers) {
            switch layer {
            case .line(let s), .scatter(let s):
                if !sharedX { add("\(s.name) x", .numbers(s.x)) }
                add(s.name, .numbers(s.y))
            case .bars(let b):
                add("\(b.name) from", .numbers(b.left))
                add("\(b.name) to", .numbers(b.right))
                add(b.name, .numbers(b.height))
            case .groupedBars(let g):
                add("category", .text(g.categories))
                for group in g.groups { add(group.name, .numbers(group.values)) }
            case .band(let b):
                add("\(b.name) x", .numbers(b.x))
                add("\(b.name) lower", .numbers(b.lower))
                add("\(b.name) upper", .numbers(b.upper))
            case .heatmap, .contours, .span, .reference, .annotation: break
            }
        }
        let height = columns.map(\.cells.count).max() ?? 0
        out.row(columns.map(\.header))
        for r in 0..<height {
            for (index, column) in columns.enumerated() {
                if index > 0 { out.separator() }
                switch column.cells {
                case .numbers(let values) where r < values.count: out.number(values[r])
                case .text(let values) where r < values.count: out.bytes += CSVWriter.escaped(values[r])
                default: break  // a shorter column: empty cell
                }
            }
            out.endRow()
        }
    }

    /// RFC 4180 quoting for fields with commas, quotes or line breaks.
    static func escape(_ field: String) -> String {
        // By byte: "\r\n" is one Character, equal to neither "\r" nor "\n".
        guard field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// Appends CSV cells to a byte buffer: text escaped as RFC 4180 says, numbers
/// as `NumberFormat.csv` writes them (which never need quoting).
struct CSVWriter {
    var bytes: [UInt8] = []

    mutating func separator() { bytes.append(UInt8(ascii: ",")) }
    mutating func endRow() { bytes.append(UInt8(ascii: "\n")) }

    /// One row of text cells.
    mutating func row(_ fields: [String]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { separator() }
            bytes += Self.escaped(field)
        }
        endRow()
    }

    static func escaped(_ field: String) -> [UInt8] {
        // Most fields have none of these bytes; the rest go through `escape`.
        let special = field.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
        return Array((special ? CSVExport.escape(field) : field).utf8)
    }

    /// The same text as `NumberFormat.csv(value)`, without a string per cell for integers.
    mutating func number(_ value: Double) {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 {
            integer(Int64(value))
        } else {
            var text = NumberFormat.csv(value)
            text.withUTF8 { bytes.append(contentsOf: $0) }
        }
    }

    private mutating func integer(_ value: Int64) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)  // 32 bytes, enough for 16 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[31 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            bytes.append(contentsOf: buffer[(32 - count)...])
        }
    }
}
