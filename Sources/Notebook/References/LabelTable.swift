import CommonMark

/// Every label of the book, numbered per chapter in reading order.
public struct LabelTable: Sendable {
    public private(set) var labels: [String: Label] = [:]
    private var counters: [String: Int] = [:]

    public init() {}

    /// Numbers a new label in `chapter`; a duplicate is an error naming both places.
    public mutating func add(_ label: LabelKey, chapter: Chapter, location: SourceLocation) throws(Diagnostics) -> Label {
        let (kind, name, key) = (label.kind, label.name, label.description)
        if let existing = labels[key] {
            throw Diagnostics(Diagnostic(location, "duplicate label '\(key)': already defined at \(existing.location)"))
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw Diagnostics(Diagnostic(location, "label '\(key)' may use only letters, digits, '-' and '_'"))
        }
        let number = number(kind, in: chapter)
        let label = Label(kind: kind, name: name, number: number, slug: chapter.slug,
                          id: "\(kind.rawValue)-\(name)", location: location)
        labels[key] = label
        return label
    }

    public subscript(key: String) -> Label? { labels[key] }

    /// The next number of `kind` in `chapter` ("4.2", or "2" in the preface), for
    /// labelled and unlabelled things alike (an exercise needs no label to be numbered).
    public mutating func number(_ kind: Label.Kind, in chapter: Chapter) -> String {
        let counterKey = "\(chapter.slug)/\(kind.rawValue)"
        let count = counters[counterKey, default: 0] + 1
        counters[counterKey] = count
        return chapter.number.map { "\($0).\(count)" } ?? String(count)
    }
}
