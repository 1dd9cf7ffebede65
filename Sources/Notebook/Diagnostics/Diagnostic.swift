import CommonMark

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

    /// `path:line:col: error: message`, the form editors and terminals link.
    public var description: String {
        var place = path
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        return "\(place): error: \(message)" + (detail.map { "\n" + $0 } ?? "")
    }
}

/// A build that stopped: every problem found, in file order.
public struct BuildFailure: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
