/// How a number from an experiment is printed: `fixed:N`, `sci:N`, `percent:N`, `int`, `pm:N`.
///
/// An experiment declares one for each value it returns (the default a chapter's
/// `{{experiment.key}}` uses) and one for each column of its tables; a chapter
/// may name another (`{{experiment.key | sci:2}}`). The site builder renders it.
public enum ValueFormat: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `fixed:N`: N digits after the decimal point.
    case fixed(Int)
    /// `sci:N`: a mantissa with N digits after the point, times a power of ten.
    case scientific(Int)
    /// `percent:N`: the value times 100 with N digits after the point, and `%`.
    case percent(Int)
    /// `int`: rounded to a whole number.
    case integer
    /// `pm:N`: mean ± standard deviation over the seeds of a ``SeededExperiment``,
    /// N digits after the point (`0.852 ± 0.012`). A single number prints as `fixed:N`.
    case plusMinus(Int)

    /// The formats an author may write, for error messages.
    public static let help = "formats are fixed:N, sci:N, percent:N, int and pm:N (mean ± sd over seeds; N = 0…12 digits)"

    /// Parses a format as a chapter writes it (`fixed:3`); nil when it is not one.
    public init?(_ spec: String) {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        if parts == ["int"] {
            self = .integer
            return
        }
        guard parts.count == 2, let digits = Int(parts[1]), (0...12).contains(digits) else { return nil }
        switch parts[0] {
        case "fixed": self = .fixed(digits)
        case "sci": self = .scientific(digits)
        case "percent": self = .percent(digits)
        case "pm": self = .plusMinus(digits)
        default: return nil
        }
    }

    /// The format as a chapter writes it: `fixed:3`, `int`.
    public var description: String {
        switch self {
        case .fixed(let digits): "fixed:\(digits)"
        case .scientific(let digits): "sci:\(digits)"
        case .percent(let digits): "percent:\(digits)"
        case .integer: "int"
        case .plusMinus(let digits): "pm:\(digits)"
        }
    }

    /// Reads a format stored as the text a chapter writes, so cached results
    /// read back whatever the enum's layout.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let spec = try container.decode(String.self)
        guard let format = ValueFormat(spec) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a value format: '\(spec)'")
        }
        self = format
    }

    /// Writes the format as the text a chapter writes (`fixed:3`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
