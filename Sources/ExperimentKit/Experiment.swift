/// A numeric experiment a chapter can show: it owns its seed, takes typed
/// parameters with defaults, and returns the values, tables and figures it
/// declares in ``outputs``.
///
/// ```swift
/// struct OnePoint: Experiment {
///     var id: String { "nc-one-point" }
///     var version: Int { 1 }
///     var sourceFile: String { #filePath }
///     @Param("sweep points") var points = 241
///
///     var outputs: Outputs { Outputs(values: [.init("crossing", .fixed(3))], figures: ["curves"]) }
///
///     func run() throws -> ExperimentResult {
///         ExperimentResult(values: ["crossing": …], figures: ["curves": Figure(description: …, panel: …)])
///     }
/// }
/// ```
///
/// Results must depend on nothing but the parameters: no clock, no shared
/// state, no random numbers that do not come from the experiment's own seeded
/// generator. That is what lets the build run experiments in parallel and cache
/// them by content.
public protocol Experiment: Sendable {
    /// The stable name chapters use (`mse-vs-ce`).
    var id: String { get }
    /// Bump to invalidate cached results when the meaning changes.
    var version: Int { get }
    /// The file that defines the experiment; implement as `#filePath`. Its
    /// contents are part of the cache key and it is named on the page.
    var sourceFile: String { get }
    /// Every parameter and its value, in the order they are shown; part of the
    /// cache key. Collected from the experiment's stored ``Param``s,
    /// ``DerivedParameter``s and ``ParameterGroup``s unless implemented.
    var parameters: [Parameter] { get }
    /// What ``run()`` returns, by name: checked against the chapters before
    /// anything runs, and against the result after the run.
    var outputs: Outputs { get }
    /// Runs the experiment. Throwing stops the build with the experiment named.
    func run() throws -> ExperimentResult
}

extension Experiment {
    /// Every ``Param``, ``DerivedParameter`` and ``ParameterGroup`` the experiment stores, in declaration order.
    public var parameters: [Parameter] { Parameter.collected(from: self) }
}
