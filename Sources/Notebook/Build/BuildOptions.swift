import ExperimentKit

/// What to build and where; paths as the user gave them (relative to the
/// current directory unless absolute).
public struct BuildOptions: Sendable {
    public var chaptersDirectory: String
    public var outputDirectory: String
    /// Where `Package.swift` is; `listing` paths and cache keys are taken from here.
    public var packageRoot: String
    /// The experiments chapters may use: the book's own, which its `docgen` passes in.
    public var registry: Registry
    /// Reuse results from `.docgen-cache/` (and store new ones there).
    public var useCache: Bool
    /// How many experiments run at once.
    public var jobs: Int
    /// Warnings (typed numbers, uncited entries) stop the build like errors.
    public var strict: Bool
    /// Where `serve` keeps the page memo in memory across its rebuilds; nil: on disk only.
    public var memoMemory: MemoMemory?

    public init(
        chaptersDirectory: String = "chapters", outputDirectory: String = "output", packageRoot: String = ".",
        registry: Registry, useCache: Bool = true, jobs: Int = BuildOptions.defaultJobs, strict: Bool = false
    ) {
        self.chaptersDirectory = chaptersDirectory
        self.outputDirectory = outputDirectory
        self.packageRoot = packageRoot
        self.registry = registry
        self.useCache = useCache
        self.jobs = jobs
        self.strict = strict
    }

    /// One experiment per core.
    public static var defaultJobs: Int { max(1, System.coreCount) }
}
