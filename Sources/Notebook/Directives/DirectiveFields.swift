import CommonMark
import ExperimentKit

/// The `key: value` lines of a directive block (` ```figure `, ` ```table `,
/// ` ```listing `), each with the place it was written.
///
/// Public only so that the fuzz harness in `Fuzz/` can reach `parse`; the site
/// builder is its one real caller.
public struct DirectiveFields: Sendable {
    struct Field: Sendable {
        var value: String
        /// Where the line's key starts.
        var location: SourceLocation
        /// Where the value starts, for errors about a place inside it.
        var valueLocation: SourceLocation
    }

    var name: String
    /// Where the block's opening fence is.
    var location: SourceLocation
    var fields: [String: Field]

    /// Parses the body of a fenced block whose fence starts at `location`.
    /// Every non-blank line must be `key: value`; keys must be known and appear once.
    public static func parse(name: String, literal: String, location: SourceLocation, allowed: [String]) -> Result<DirectiveFields, Diagnostics> {
        var fields: [String: Field] = [:]
        var diagnostics: [Diagnostic] = []
        for (offset, rawLine) in literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(rawLine)
            guard !line.allSatisfy(\.isWhitespace) else { continue }
            let indent = line.prefix { $0 == " " || $0 == "\t" }.utf8.count
            // Content starts on the line after the fence, at the fence's indentation.
            let here = SourceLocation(file: location.file, line: location.line + 1 + offset, column: location.column + indent)
            guard let colon = line.firstIndex(of: ":") else {
                diagnostics.append(Diagnostic(here, "'\(name)' lines are 'key: value'; this line has no ':'"))
                continue
            }
            let key = line[..<colon].trimmingWhitespace()
            let value = String(line[line.index(after: colon)...]).trimmingWhitespace()
            guard allowed.contains(key) else {
                let hint = Suggestion.hint(for: key, in: allowed)
                diagnostics.append(Diagnostic(here, "unknown key '\(key)' in '\(name)'\(hint); keys are \(allowed.joined(separator: ", "))"))
                continue
            }
            guard fields[key] == nil else {
                diagnostics.append(Diagnostic(here, "key '\(key)' appears twice in '\(name)'"))
                continue
            }
            let afterColon = line[line.index(after: colon)...]
            let valueColumn = location.column + line[..<colon].utf8.count + 1 + afterColon.prefix(while: \.isWhitespace).utf8.count
            let valueStart = SourceLocation(file: location.file, line: here.line, column: valueColumn)
            fields[key] = Field(value: value, location: here, valueLocation: valueStart)
        }
        if let failure = Diagnostics(diagnostics) { return .failure(failure) }
        return .success(DirectiveFields(name: name, location: location, fields: fields))
    }

    /// The value of a required key, or an error at the block.
    func required(_ key: String) throws(Diagnostics) -> Field {
        guard let field = fields[key], !field.value.isEmpty else {
            throw Diagnostics(Diagnostic(location, "'\(name)' needs a '\(key):' line"))
        }
        return field
    }
}
