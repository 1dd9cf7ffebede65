import Bibliography
import Claims
import CommonMark
import TeXMath
import SourceErrors

/// One problem found by a build, with the place a person should look.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory concerned, as the user named it.
    public var path: String
    /// 1-based line and column (UTF-8 bytes); nil for problems with a whole path.
    public var line: Int?
    public var column: Int?
    public var message: String
    /// More lines shown under the message, such as the TeX source with a caret.
    public var detail: String?
    /// An error stops the build; a warning is reported, and stops it only under `--strict`.
    public var severity: Severity = .error

    public enum Severity: String, Sendable {
        case error, warning
    }

    public init(path: String, line: Int? = nil, column: Int? = nil, message: String, detail: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        self.detail = detail
    }

    public init(_ location: SourceLocation, _ message: String) {
        self.init(path: location.file, line: location.line, column: location.column, message: message)
    }

    /// A warning at `location`: reported, and an error only under `--strict`.
    static func warning(_ location: SourceLocation, _ message: String) -> Diagnostic {
        var warning = Diagnostic(location, message)
        warning.severity = .warning
        return warning
    }

    /// `path:line:col: error: message`, the form editors and terminals link.
    /// Control characters from file names, TeX or prose are shown as escapes
    /// (`\x1b`), never sent to the terminal as they are.
    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): \(severity.rawValue): \(message)".escapingControlCharacters()
            + (detail.map { "\n" + $0.escapingControlCharacters(keepingNewlines: true) } ?? "")
    }
}

extension String {
    /// The text with control characters written as escapes: `\x1b` for ESC,
    /// `\n` for a newline (unless `keepingNewlines`), `\u{202E}` for the
    /// characters that reorder what a terminal shows. Tabs stay. Applying it
    /// twice changes nothing more.
    public func escapingControlCharacters(keepingNewlines: Bool = false) -> String {
        guard unicodeScalars.contains(where: { $0.needsEscape && !(keepingNewlines && $0 == "\n") }) else { return self }
        var out = ""
        for scalar in unicodeScalars {
            guard scalar.needsEscape, !(keepingNewlines && scalar == "\n") else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case _ where scalar.value < 0x100:
                let hex = String(scalar.value, radix: 16)
                out += "\\x" + (hex.count == 1 ? "0" + hex : hex)
            default: out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            }
        }
        return out
    }
}

private extension Unicode.Scalar {
    /// C0 and C1 controls and DEL (but not tab), line and paragraph separators, and bidirectional controls.
    var needsEscape: Bool {
        switch value {
        case 0x09: false
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
}

/// A build that stopped: every problem found, in file order. Never empty, so a
/// failed build always has something to say (no "build failed: 0 errors").
public struct Diagnostics: Error, Sendable, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public init(_ first: Diagnostic, _ more: [Diagnostic] = []) {
        diagnostics = [first] + more
    }

    /// The problems in `list`; nil when there are none.
    public init?(_ list: [Diagnostic]) {
        guard let first = list.first else { return nil }
        self.init(first, Array(list.dropFirst()))
    }

    /// Throws the problems in `list`, if there are any.
    public static func check(_ list: [Diagnostic]) throws(Diagnostics) {
        if let failure = Diagnostics(list) { throw failure }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Diagnostic {
    /// An error of TeXMath, Claims or Bibliography, with its source line and a caret under
    /// the offending token (a long line is already cut to a window around it).
    init(_ error: LocatedError) {
        self.init(path: error.location.file, line: error.location.line, column: error.location.column,
                  message: error.message, detail: "    \(error.sourceLine)\n    \(error.caret)")
    }
}
