import CommonMark
import ExperimentKit
import Foundation
import XMLTree

/// A ` ```listing ` block: the lines between `// region: NAME` and `// endregion`
/// (or `# region:` in Python and shell) of a file inside the package, so the
/// code on the page is the code that ran.
struct Listing: Sendable, Equatable {
    var path: String
    var region: String
    var firstLine: Int
    var lines: [String]

    static let keys = DirectiveKeys.listing

    /// Reads the excerpt; paths are relative to the package root and may not leave it.
    static func load(_ fields: DirectiveFields, packageRoot: String) throws(Diagnostics) -> Listing {
        let source = try fields.required("source")
        let region = try fields.required("region")
        func fail(_ message: String, at location: SourceLocation) -> Diagnostics {
            Diagnostics(Diagnostic(location, message))
        }
        let path = source.value
        if path.hasPrefix("/") || path.hasPrefix("~") {
            throw fail("listing source '\(path)' is absolute; give a path inside the package, like Sources/LossKit/…", at: source.location)
        }
        let root = OutputDirectory.resolve(packageRoot)
        let resolved = OutputDirectory.resolve(joinPath(packageRoot, path))
        guard resolved.hasPrefix(root + "/") else {
            throw fail("listing source '\(path)' is outside the package", at: source.location)
        }
        let data: [UInt8]
        do {
            data = try FileOperations.read(resolved, action: "read the listing source")
        } catch {
            throw fail("could not read listing source '\(path)': \(error.reason)", at: source.location)
        }
        guard let text = String(data: Data(data), encoding: .utf8) else {
            throw fail("listing source '\(path)' is not UTF-8 text", at: source.location)
        }
        // Line numbers count `\r\n` and a lone `\r` as one break, as for chapters.
        let fileLines = LineEndings.normalized(text).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var regions: [String] = []
        var start: Int?
        for (index, line) in fileLines.enumerated() {
            // Only a comment can be a marker: most lines of a source file are not, and
            // trimming each of them (by Character) was most of reading a listing.
            guard Self.mayBeMarker(line) else { continue }
            let marker = line.trimmingWhitespace()
            if let name = Self.regionName(marker) {
                regions.append(name)
                if name == region.value && start == nil { start = index + 1 }
            } else if start != nil, Self.isEndRegion(marker) {
                let body = Array(fileLines[start!..<index])
                return Listing(path: path, region: region.value, firstLine: start! + 1, lines: dedent(body))
            }
        }
        if start != nil {
            throw fail("region '\(region.value)' in \(path) has no '// endregion'", at: region.location)
        }
        let hint = Suggestion.hint(for: region.value, in: regions)
        throw fail("no region '\(region.value)' in \(path)\(hint)", at: region.location)
    }

    /// False only for a line that cannot trim to a marker: its first byte that is not ASCII
    /// space or tab is neither `/` nor `#` (nor a non-ASCII byte, which may be Unicode whitespace).
    private static func mayBeMarker(_ line: String) -> Bool {
        guard let first = line.utf8.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else { return false }
        return first == UInt8(ascii: "/") || first == UInt8(ascii: "#") || first >= 0x80 || (0x0A...0x0D).contains(first)
    }

    private static func regionName(_ marker: String) -> String? {
        for prefix in ["// region:", "# region:"] where marker.hasPrefix(prefix) {
            return String(marker.dropFirst(prefix.count)).trimmingWhitespace()
        }
        return nil
    }

    private static func isEndRegion(_ marker: String) -> Bool {
        marker == "// endregion" || marker == "# endregion"
    }

    /// Removes the indentation all non-blank lines share.
    private static func dedent(_ lines: [String]) -> [String] {
        let indents = lines.filter { !$0.allSatisfy(\.isWhitespace) }.map { $0.prefix { $0 == " " }.count }
        let common = indents.min() ?? 0
        return lines.map { $0.allSatisfy(\.isWhitespace) ? "" : String($0.dropFirst(common)) }
    }

    /// The listing as a figure: the path and line range, then numbered, highlighted code.
    func render() -> Node {
        let lastLine = firstLine + lines.count - 1
        let language: String = switch path.split(separator: ".").last {
        case "swift": "swift"
        case "py": "python"
        default: "sh"
        }
        let code = lines.joined(separator: "\n")
        let highlighted = Highlighter(info: language)?.highlight(code) ?? [.text(code)]
        let numbers = (firstLine...max(firstLine, lastLine)).map(String.init).joined(separator: "\n")
        return .el("figure", [["class": "listing"]], [
            .el("figcaption", [], [
                .el("code", text: path), .text(", lines \(firstLine)–\(lastLine)"),
            ]),
            .el("pre", [["class": "listing-code"]], [
                .el("span", [["class": "line-numbers"], ["aria-hidden": "true"]], text: numbers),
                .el("code", [["class": "language-\(language)"]], highlighted),
            ]),
        ])
    }
}
