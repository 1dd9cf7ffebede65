/// Marks a stored property of an experiment as one of its parameters, so that it
/// is written once: the property holds the value the run uses, and the name here
/// is what the page shows.
///
/// ```swift
/// struct Sweep: Experiment {
///     @Param("sweep points") var points = 321
///     @Param("w range") var range = -8.0...8.0
///     @Param("grid", shown: { "\($0) × \($0)" }) var cells = 81
///     @Param("optimiser") var optimiser = "Adam"  // a shown constant is a parameter too
/// }
/// ```
///
/// ``Experiment/parameters`` lists every `@Param` in declaration order. Swift
/// allows property wrappers only on `var`; a shown constant is a `var` nobody sets.
@propertyWrapper
public struct Param<Value: Sendable>: Sendable {
    /// The value the experiment runs with.
    public var wrappedValue: Value
    /// The name the page shows.
    public let name: String
    private let shown: @Sendable (Value) -> Parameter.Value

    /// A parameter shown as its value is (`100`, `0.1`, `[0.3, 0.1]`).
    public init(wrappedValue: Value, _ name: String) where Value: ParameterValue {
        self.wrappedValue = wrappedValue
        self.name = name
        self.shown = { $0.parameterValue }
    }

    /// A parameter shown as `shown` writes it (`"x = ±\($0 / 2), σ = 1"`), for any value.
    public init(wrappedValue: Value, _ name: String, shown: @escaping @Sendable (Value) -> String) {
        self.wrappedValue = wrappedValue
        self.name = name
        self.shown = { .string(shown($0)) }
    }

    /// The parameter as the page shows it now.
    public var parameter: Parameter { Parameter(name, shown(wrappedValue)) }
}

/// A parameter line computed from several settings of its owner, such as
/// `train / validation = 400 / 400` or `model = 10 → 32 tanh → 4 logits`:
/// stored as a `let` among the owner's properties, shown in its place.
///
/// ```swift
/// var trainCount = 400
/// var validationCount = 400
/// let split = DerivedParameter<Self>("train / validation") { "\($0.trainCount) / \($0.validationCount)" }
/// ```
///
/// The settings it reads need no `@Param` of their own when this line is where
/// the page shows them.
public struct DerivedParameter<Owner>: Sendable {
    /// The name the page shows.
    public let name: String
    private let text: @Sendable (Owner) -> String

    /// A line named `name` whose shown text `text` computes from the owner.
    public init(_ name: String, _ text: @escaping @Sendable (Owner) -> String) {
        self.name = name
        self.text = text
    }

    /// The parameter as it is shown for `owner`.
    public func parameter(of owner: Owner) -> Parameter { Parameter(name, .string(text(owner))) }
}

/// Settings several experiments share, such as a data set or a training setup:
/// a value whose `@Param`s an experiment that stores it shows as its own, in the
/// place where it stores it.
///
/// ```swift
/// struct ChapterData: ParameterGroup {
///     @Param("points per class") var perClass = 6
///     @Param("data seed") var seed = 3
/// }
/// struct Surfaces: Experiment {
///     var data = ChapterData()   // shows "points per class" and "data seed" here
///     @Param("grid") var cells = 81
/// }
/// ```
public protocol ParameterGroup: Sendable {
    /// Its parameters in declaration order; collected from its stored properties unless implemented.
    var parameters: [Parameter] { get }
}

extension ParameterGroup {
    /// Every ``Param``, ``DerivedParameter`` and nested ``ParameterGroup`` stored in the group, in declaration order.
    public var parameters: [Parameter] { Parameter.collected(from: self) }
}

/// What the collection recognises among stored properties.
private protocol ParameterSource {
    func parameters(of owner: Any) -> [Parameter]
}

extension Param: ParameterSource {
    fileprivate func parameters(of owner: Any) -> [Parameter] { [parameter] }
}

extension DerivedParameter: ParameterSource {
    fileprivate func parameters(of owner: Any) -> [Parameter] {
        guard let owner = owner as? Owner else {
            preconditionFailure("DerivedParameter<\(Owner.self)> '\(name)' is stored in a \(type(of: owner))")
        }
        return [parameter(of: owner)]
    }
}

extension Parameter {
    /// The parameters `owner` stores, in declaration order: each `@Param`, each
    /// ``DerivedParameter``, and the parameters of each ``ParameterGroup``.
    /// Read by `Mirror`, so they are declared once, as properties.
    public static func collected(from owner: Any) -> [Parameter] {
        Mirror(reflecting: owner).children.flatMap { child -> [Parameter] in
            switch child.value {
            case let source as any ParameterSource: source.parameters(of: owner)
            case let group as any ParameterGroup: group.parameters
            default: []
            }
        }
    }
}
