/// What to build and where; paths as the user gave them (relative to the
/// current directory unless absolute).
public struct BuildOptions: Sendable {
    public var chaptersDirectory: String
    public var outputDirectory: String
    /// Where `Package.swift` is; `listing` paths and cache keys are taken from here.
    public var packageRoot: String

    public init(chaptersDirectory: String = "chapters", outputDirectory: String = "output", packageRoot: String = ".") {
        self.chaptersDirectory = chaptersDirectory
        self.outputDirectory = outputDirectory
        self.packageRoot = packageRoot
    }
}
