import CommonMark
import ExperimentKit

/// The value that flows through the stages. Each stage reads what earlier
/// stages produced and adds its own part; nothing else is shared.
public struct BuildState: Sendable {
    public var options: BuildOptions
    public var output: OutputDirectory?
    public var sources: [SourceFile] = []
    public var book: Book?
    /// Equations, figures and tables, numbered per chapter as stages meet them.
    public var labels = LabelTable()
    /// Parsed directive blocks by the place of their fence.
    var directives: [SourceLocation: Directive] = [:]
    /// The experiments each chapter uses (by slug), in order of first use, and where each was first named.
    public var experimentsUsed: [String: [String]] = [:]
    /// Every output the chapters name, in reading order, for `plan` to check against the declarations.
    var outputsUsed: [OutputUse] = []
    /// Whether docgen was built from the sources `Sources/` holds (`checkSources`).
    public var sourceState: SourceState = .unchecked
    var experimentLocations: [String: SourceLocation] = [:]
    public var results: [String: ExperimentResult] = [:]
    public var derivationsChecked = 0
    public var experimentsRun = 0
    public var experimentsCached = 0
    /// Files besides the pages: standalone figures and their CSV.
    public var extraFiles: [String: [UInt8]] = [:]
    /// Lines for the progress output (which experiments ran, and how long they took).
    public var log: [String] = []
    public var sourceCommit: String?
    public var site: Site?

    public init(options: BuildOptions) {
        self.options = options
    }

    func firstUse(of experiment: String) -> SourceLocation? { experimentLocations[experiment] }
}
