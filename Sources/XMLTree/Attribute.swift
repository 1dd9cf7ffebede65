/// One attribute of an element; attribute order is kept so output is deterministic.
public struct Attribute: Sendable, Equatable, Hashable {
    public var name: String
    public var value: String

    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Attribute: ExpressibleByDictionaryLiteral {
    /// `["class": "note"]` reads as one attribute.
    public init(dictionaryLiteral elements: (String, String)...) {
        precondition(elements.count == 1, "an Attribute literal holds exactly one pair")
        self.init(elements[0].0, elements[0].1)
    }
}
