/// A note in the plot: text at a data point, optionally with an arrow pointing at another.
public struct Annotation: Sendable, Equatable {
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

    public static func == (a: Annotation, b: Annotation) -> Bool {
        a.text == b.text && a.x == b.x && a.y == b.y && a.arrowTo?.x == b.arrowTo?.x && a.arrowTo?.y == b.arrowTo?.y
    }
}
