import SourceDigest

/// The source files a registry's experiments were compiled from, as the build
/// saw them. Every cache key includes `digest`, so a cached result is only
/// used by a docgen built from the code that computed it; docgen compares
/// `files` with `Sources/` on disk to tell when it is stale.
public struct CompiledCode: Sendable {
    /// This package's module directories (`Sources/LossKit`), relative to the package.
    public var moduleDirectories: [String]
    /// Every source file in them, relative to the package, with its digest.
    public var files: [SourceTree.File]
    /// The digest of the sources of the modules from other packages (swift-numerics).
    public var otherPackagesDigest: String

    /// A listing of `files` in `moduleDirectories`, and the digest of the other packages' sources.
    /// A book's `docgen` gets its own from the `CompiledSourcesPlugin`; tests may name a fixed one.
    public init(moduleDirectories: [String], files: [SourceTree.File], otherPackagesDigest: String) {
        self.moduleDirectories = moduleDirectories
        self.files = files
        self.otherPackagesDigest = otherPackagesDigest
    }

    /// One digest over all of it: what cache keys include.
    public var digest: String {
        SHA256.hex("own \(SourceTree.digest(of: files))\nother \(otherPackagesDigest)\n")
    }

    /// The same listing made from the files below `packageRoot` now, as the plugin
    /// would make it; a missing directory has no files; nil if all are missing.
    public static func onDisk(moduleDirectories: [String], packageRoot: String, otherPackagesDigest: String) -> CompiledCode? {
        guard let files = SourceTree.files(inModules: moduleDirectories, under: packageRoot) else { return nil }
        return CompiledCode(moduleDirectories: moduleDirectories, files: files, otherPackagesDigest: otherPackagesDigest)
    }
}
