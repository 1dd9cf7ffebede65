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
        var shifted = column
        for piece in linePieces {
            if column >= piece.protectedEnd {
                shifted = piece.originalEnd + (column - piece.protectedEnd)
            } else if column >= piece.protectedStart {
                return piece.originalStart
            } else {
                break
            }
        }
        return shifted
    }
}
