import Foundation
import Testing
@testable import Bibliography
import SourceErrors

/// Paths and golden-file handling shared by the Bibliography tests.
enum Fixtures {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.appendingPathComponent("Tests/Fixtures/bibliography")

    static var updating: Bool { ProcessInfo.processInfo.environment["DOCGEN_UPDATE_GOLDENS"] == "1" }

    static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
    }

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

/// Parses a bibliography that must be valid.
func bib(_ text: String, file: String = "refs.bib") throws -> Bibliography {
    try Bibliography(parsing: text, file: file)
}

/// The error a bibliography must produce.
func failure(_ text: String, file: String = "refs.bib") -> LocatedError? {
    do {
        _ = try Bibliography(parsing: text, file: file)
        return nil
    } catch {
        return error
    }
}

/// One entry with the given fields, filled up with what every entry needs.
func entry(_ fields: String, type: String = "misc", key: String = "k") -> String {
    var text = "@\(type){\(key),\n"
    if !fields.contains(" author =") && !fields.contains(" editor =") { text += "  author = {A. Author},\n" }
    if !fields.contains(" title =") { text += "  title = {T},\n" }
    if !fields.contains(" year =") { text += "  year = 2000,\n" }
    return text + fields + "\n}\n"
}

/// The value of one field of a one-entry bibliography.
func field(_ name: String, _ value: String) throws -> String? {
    try bib(entry("  \(name) = \(value),"))["k"]?[field: name]
}
