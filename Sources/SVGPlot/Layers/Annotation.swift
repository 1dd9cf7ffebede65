/// A note in the plot: text at a data point, optionally with an arrow pointing at another.
public struct Annotation: Sendable, Equatable, Codable {
    public var text: String
    /// Where the text is anchored (its centre), in data coordinates.
    public var x: Double
    public var y: Double
    /// The data point the arrow points to, if any.
    public var arrowTo: (x: Double, y: Double)?

    public init(_ text: String, x: Double, y: Double, arrowTo: (x: Double, y: Double)? = nil) {
        self.text = text
        self.x = x
        self.y = y
        self.arrowTo = arrowTo
    }

    // Tuples are not Codable: the arrow's target is stored as two optional numbers.
    private enum CodingKeys: String, CodingKey { case text, x, y, arrowX, arrowY }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        x = try container.decode(Double.self, forKey: .x)
        y = try container.decode(Double.self, forKey: .y)
        if let arrowX = try container.decodeIfPresent(Double.self, forKey: .arrowX),
           let arrowY = try container.decodeIfPresent(Double.self, forKey: .arrowY) {
            arrowTo = (arrowX, arrowY)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(x, forKey: .x)
        try container.encode(y, forKey: .y)
        try container.encodeIfPresent(arrowTo?.x, forKey: .arrowX)
        try container.encodeIfPresent(arrowTo?.y, forKey: .arrowY)
    }

    public static func == (a: Annotation, b: Annotation) -> Bool {
        a.text == b.text && a.x == b.x && a.y == b.y && a.arrowTo?.x == b.arrowTo?.x && a.arrowTo?.y == b.arrowTo?.y
    }
}
