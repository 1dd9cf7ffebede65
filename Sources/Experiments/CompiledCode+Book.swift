import ExperimentKit
import SourceDigest

extension CompiledCode {
    /// The code of the Experiments module, LossKit, SVGPlot and whatever else they use.
    public static let experimentsModule = CompiledCode(
        moduleDirectories: CompiledSources.moduleDirectories,
        files: CompiledSources.files.map { SourceTree.File(path: $0.path, sha256: $0.sha256) },
        otherPackagesDigest: CompiledSources.otherPackagesDigest)
}
