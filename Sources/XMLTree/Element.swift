/// An element with ordered attributes and children.
public struct Element: Sendable, Equatable, Hashable {
    public var name: String
    public var attributes: [Attribute]
    public var children: [Node]

    public init(_ name: String, _ attributes: [Attribute] = [], _ children: [Node] = []) {
        self.name = name
        self.attributes = attributes
        self.children = children
    }

    /// The value of the first attribute called `name`, if any.
    public subscript(attribute name: String) -> String? {
        get { attributes.first { $0.name == name }?.value }
        set {
            if let index = attributes.firstIndex(where: { $0.name == name }) {
                if let newValue { attributes[index].value = newValue } else { attributes.remove(at: index) }
            } else if let newValue {
                attributes.append(Attribute(name, newValue))
            }
        }
    }
}
