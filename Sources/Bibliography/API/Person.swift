/// One name from an `author` or `editor` field, split the way BibTeX splits it.
///
/// `"Ludwig van Beethoven"`, `"van Beethoven, Ludwig"` and `"van Beethoven, Jr., Ludwig"`
/// give the parts `first`, `von`, `last` and `jr`; a name in braces such as
/// `{Google Brain Team}` is one last name. Every part is plain Unicode text: LaTeX
/// accents are resolved and protecting braces removed.
public struct Person: Sendable, Hashable {
    /// Given names: `Matthew D.`.
    public var first: String
    /// Lower-case particles before the last name: `van der`.
    public var von: String
    /// The family name, or a whole corporate name: `Zeiler`, `Google Brain Team`.
    public var last: String
    /// `Jr.`, `III`.
    public var jr: String

    public init(first: String = "", von: String = "", last: String, jr: String = "") {
        self.first = first
        self.von = von
        self.last = last
        self.jr = jr
    }

    /// The name as it appears in an author–year label: `von Last` (`"van der Maaten"`, `"Zeiler"`).
    public var citationName: String { von.isEmpty ? last : von + " " + last }

    /// `First von Last, Jr.`, the order of a name that is not the first in a reference list.
    public var fullName: String {
        var name = first.isEmpty ? citationName : first + " " + citationName
        if !jr.isEmpty { name += ", " + jr }
        return name
    }

    /// `von Last, First, Jr.`, the order of the first name in a reference list.
    public var invertedName: String {
        var name = citationName
        if !first.isEmpty { name += ", " + first }
        if !jr.isEmpty { name += ", " + jr }
        return name
    }
}

/// The names of an `author` or `editor` field, in order; `and others` at the end is kept as a flag.
public struct NameList: Sendable, Hashable {
    public var people: [Person]
    /// The field ended with `and others`: more authors than are named, printed as "et al.".
    public var endsWithOthers: Bool

    public init(_ people: [Person] = [], endsWithOthers: Bool = false) {
        self.people = people
        self.endsWithOthers = endsWithOthers
    }

    public var isEmpty: Bool { people.isEmpty }
}
