import Claims
import CommonMark
import ExperimentKit

/// `{{experiment.key | format}}` in prose: a number an experiment computed;
/// `{{experiment.key}}` prints it in the format the experiment declares for it.
///
/// Public only so that the fuzz harness in `Fuzz/` can reach `scan`; the site
/// builder is its one real caller.
public struct InlineValue: Sendable, Equatable {
    var experiment: String
    /// What follows the experiment's id: `key`, `key.mean`, `param.NAME`.
    var key: String
    /// The format the chapter names; nil for the one the experiment declares.
    var format: ValueFormat?
    var location: SourceLocation
    /// Byte range of the whole `{{…}}` within its text node.
    var range: Range<Int>

    /// What `key` names.
    var name: NamedValue { NamedValue(experiment: experiment, key) }

    /// Every value `{{…}}` in a text node, or errors for malformed ones; claims and
    /// computed words (`{{check …}}`, `{{if …}}`) are skipped.
    public static func scan(_ text: String, at location: SourceLocation?) -> (values: [InlineValue], errors: [Diagnostic]) {
        let (items, errors) = scanItems(text, at: location)
        return (items.compactMap { if case .value(let value) = $0 { value } else { nil } }, errors)
    }

    /// A `{{…}}` of prose: a value, or a claim or computed words (`Claims` parses those).
    enum Item {
        case value(InlineValue)
        /// The text between the braces, where it starts, and the byte range of the whole `{{…}}`.
        case expression(body: String, location: SourceLocation, range: Range<Int>)
    }

    /// Every `{{…}}` in a text node, in order, or errors for malformed values.
    static func scanItems(_ text: String, at location: SourceLocation?) -> (items: [Item], errors: [Diagnostic]) {
        let bytes = Array(text.utf8)
        var values: [Item] = []
        var errors: [Diagnostic] = []
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            let here = location.map { SourceLocation(file: $0.file, line: $0.line, column: $0.column + index) }
                ?? SourceLocation(file: "", line: 0, column: 0)
            var end = index + 2
            while end + 1 < bytes.count && !(bytes[end] == UInt8(ascii: "}") && bytes[end + 1] == UInt8(ascii: "}")) { end += 1 }
            guard end + 1 < bytes.count else {
                errors.append(Diagnostic(here, "'{{' has no closing '}}'"))
                break
            }
            let body = String(decoding: bytes[index + 2..<end], as: UTF8.self)
            if InlineExpression.recognizes(body) {
                let bodyStart = SourceLocation(file: here.file, line: here.line, column: here.column + 2)
                values.append(.expression(body: body, location: bodyStart, range: index..<end + 2))
                index = end + 2
                continue
            }
            let parts = body.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
            let name = parts[0].split(separator: ".", maxSplits: 1).map(String.init)
            if name.count != 2 || name[0].isEmpty || name[1].isEmpty {
                errors.append(Diagnostic(here, "a value is written {{experiment.key}} or {{experiment.key | format}}, got '{{\(body)}}'"))
            } else if parts.count < 2 {
                values.append(.value(InlineValue(experiment: name[0], key: name[1], format: nil, location: here, range: index..<end + 2)))
            } else if parts[1].isEmpty {
                errors.append(Diagnostic(here, "value '\(parts[0])' has a '|' but no format: write {{\(parts[0])}} for the format its experiment declares, or name one, like {{\(parts[0]) | fixed:3}}; \(ValueFormat.help)"))
            } else if let format = ValueFormat(parts[1]) {
                values.append(.value(InlineValue(experiment: name[0], key: name[1], format: format, location: here, range: index..<end + 2)))
            } else {
                errors.append(Diagnostic(here, "unknown format '\(parts[1])'; \(ValueFormat.help)"))
            }
            index = end + 2
        }
        return (values, errors)
    }
}
