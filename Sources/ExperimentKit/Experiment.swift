/// A numeric experiment a chapter can show: it owns its seed, takes typed
/// parameters with defaults, and returns named values, tables and figures.
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
    /// Every parameter and its value, in the order they should be shown.
    var parameters: [Parameter] { get }
    /// Runs the experiment. Throwing stops the build with the experiment named.
    func run() throws -> ExperimentResult
}
