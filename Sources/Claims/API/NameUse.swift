import SourceErrors
/// One name as a claim writes it: the value it reads, the aggregate it takes,
/// and where it stands.
///
/// ``ClaimExpression/names`` lists every use, so the build can check each
/// against the experiments' declarations before anything runs, and report an
/// unknown one at its column with ``ClaimExpression/unknownName(_:candidates:)``.
public struct NameUse: Sendable, Hashable {
    /// The output or parameter it reads.
    public var name: ValueName
    /// `.mean`, `.sd`, `.min` or `.max` after an output; nil for the value itself.
    public var aggregate: Aggregate?
    /// Whether it is read once per seed: an output without an aggregate inside
    /// `all(…)` or `any(…)`. Elsewhere an output is its first seed's value.
    public var isPerSeed: Bool
    /// Its UTF-8 byte range in the text between `{{` and `}}`.
    public var range: Range<Int>
    /// Where its first byte is in the chapter.
    public var location: TextLocation

    /// A use of `name` (with `aggregate`) at `range`, starting at `location`.
    public init(name: ValueName, aggregate: Aggregate?, isPerSeed: Bool, range: Range<Int>, location: TextLocation) {
        self.name = name
        self.aggregate = aggregate
        self.isPerSeed = isPerSeed
        self.range = range
        self.location = location
    }

    /// As the chapter writes it: `exp.key`, `exp.key.sd`, `exp.param.NAME`.
    public var text: String {
        aggregate.map { "\(name).\($0.rawValue)" } ?? name.description
    }
}
