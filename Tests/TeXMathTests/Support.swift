import Foundation
import TeXMath
import SourceErrors

/// Paths and golden-file handling shared by the TeXMath tests.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/TeXMath")

    static var updating: Bool { ProcessInfo.processInfo.environment["DOCGEN_UPDATE_GOLDENS"] == "1" }

    /// Compares `actual` with the golden file, or rewrites it when DOCGEN_UPDATE_GOLDENS=1.
    static func golden(_ relativePath: String, _ actual: String) throws -> (expected: String, actual: String) {
        let url = root.appendingPathComponent(relativePath)
        if updating {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "<missing golden \(relativePath); run with DOCGEN_UPDATE_GOLDENS=1>"
        return (expected, actual)
    }
}

extension TextLocation {
    static func chapter(line: Int = 10, column: Int = 5) -> TextLocation {
        TextLocation(file: "chapters/03-test.md", line: line, column: column)
    }
}

/// Parses TeX that must be valid; the error text makes a failing test readable.
func formula(_ tex: String, _ style: MathStyle = .inline) throws -> TeXFormula {
    try TeXFormula(tex, style: style, at: .chapter())
}

/// The error a piece of TeX must produce.
func parseError(_ tex: String, _ style: MathStyle = .inline, at start: TextLocation = .chapter()) -> LocatedError? {
    do {
        _ = try TeXFormula(tex, style: style, at: start)
        return nil
    } catch {
        return error
    }
}
