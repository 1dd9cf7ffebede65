/// Everything an experiment returns, declared before it runs: its values (each
/// with the format prose shows it in unless a chapter names another), its tables
/// and its figures, by name.
///
/// The build checks every name a chapter uses against this declaration before
/// any experiment runs, and checks each result against it after the run: a
/// declared output missing from the result, or one returned but not declared,
/// is an error naming the experiment and the name.
///
/// ```swift
/// var outputs: Outputs {
///     Outputs(
///         values: [.init("crossing", .fixed(3)), .init("steps", .integer, unit: "steps")],
///         tables: ["rows"], figures: ["curves"])
/// }
/// ```
///
/// Names may be computed from the experiment's parameters (one value per label,
/// say); the declaration is read from the same instance that runs.
public struct Outputs: Sendable, Equatable {
    /// A number the experiment returns.
    public struct Value: Sendable, Equatable {
        /// The key a chapter writes after the experiment's id: `crossing` in `{{nc-one-point.crossing}}`.
        public var name: String
        /// How `{{experiment.name}}` prints it when the chapter names no format.
        public var format: ValueFormat
        /// What it counts or measures in, for readers of the declaration (`epochs`, `nats`).
        public var unit: String?
        /// What it is, in a phrase, for readers of the declaration.
        public var description: String?

        /// A value named `name`, printed with `format` by default.
        public init(_ name: String, _ format: ValueFormat, unit: String? = nil, description: String? = nil) {
            self.name = name
            self.format = format
            self.unit = unit
            self.description = description
        }
    }

    /// The values, in the order a reader of the declaration expects them.
    public var values: [Value]
    /// The names of the tables (`table:` in a chapter's ` ```table ` block).
    public var tables: [String]
    /// The names of the figures (`plot:` in a chapter's ` ```figure ` block).
    public var figures: [String]

    /// A declaration of `values`, `tables` and `figures`.
    public init(values: [Value] = [], tables: [String] = [], figures: [String] = []) {
        self.values = values
        self.tables = tables
        self.figures = figures
    }

    /// The declared value named `name`, if there is one.
    public func value(_ name: String) -> Value? { values.first { $0.name == name } }

    /// What `result` does differently from this declaration, one phrase per name,
    /// to follow "experiment 'id' …": empty when it returns exactly what is declared.
    public func mismatches(in result: ExperimentResult) -> [String] {
        func compare(_ kind: String, declared: [String], returned: some Collection<String>) -> [String] {
            let declaredSet = Set(declared), returnedSet = Set(returned)
            return declared.filter { !returnedSet.contains($0) }.map { "declares \(kind) '\($0)' but did not return it" }
                + returned.filter { !declaredSet.contains($0) }.sorted().map { "returned \(kind) '\($0)', which its outputs do not declare" }
        }
        return compare("value", declared: values.map(\.name), returned: result.values.keys)
            + compare("table", declared: tables, returned: result.tables.keys)
            + compare("figure", declared: figures, returned: result.figures.keys)
    }

    /// Names declared twice, each once, as "value 'x'": a declaration must name each output once.
    public var duplicates: [String] {
        func repeated(_ kind: String, _ names: [String]) -> [String] {
            var seen: Set<String> = [], reported: [String] = []
            for name in names where !seen.insert(name).inserted && !reported.contains("\(kind) '\(name)'") {
                reported.append("\(kind) '\(name)'")
            }
            return reported
        }
        return repeated("value", values.map(\.name)) + repeated("table", tables) + repeated("figure", figures)
    }
}
