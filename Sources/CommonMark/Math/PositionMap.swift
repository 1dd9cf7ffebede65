/// Translates columns of the math-protected text back to the chapter file.
///
/// Protection keeps every line on its own line (multi-line math leaves a
/// continuation mark on each line it covered), so only columns move.
struct PositionMap: Sendable {
    /// A stretch of one protected line that stands for a different stretch of the
    /// same line in the file. Columns are 1-based; ends are exclusive.
    struct Piece: Sendable {
        var protectedStart: Int
        var protectedEnd: Int
        var originalStart: Int
        var originalEnd: Int
    }

    private(set) var pieces: [Int: [Piece]] = [:]

    static let identity = PositionMap()

    mutating func add(line: Int, _ piece: Piece) {
        pieces[line, default: []].append(piece)
    }

    func originalColumn(line: Int, column: Int) -> Int {
        guard let linePieces = pieces[line] else { return column }
        // Pieces are added left to right and never overlap: binary search for the last
        // one starting at or before `column` (a line may hold thousands of spans).
        var low = 0
        var high = linePieces.count
        while low < high {
            let middle = (low + high) / 2
            if linePieces[middle].protectedStart <= column { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return column }
        let piece = linePieces[low - 1]
        if column < piece.protectedEnd { return piece.originalStart }
        return piece.originalEnd + (column - piece.protectedEnd)
    }
}
