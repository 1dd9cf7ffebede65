import ExperimentKit
import Foundation
import LossKit
import SourceDigest

/// What a cached result depends on: the experiment's id, version and parameters
/// (the seed among them), the digest of the code docgen was compiled from (the
/// experiments and every module they use, `CompiledCode`), the compiler, and the
/// vector unit LossKit was compiled for. Nothing is read from disk: the key
/// names the code that runs, so an edit to any of it, a helper included,
/// gives new keys once docgen is rebuilt, and never needs a version bump.
@_spi(Benchmarks) public struct CacheKey: Sendable {
    var experiment: String
    var hash: String

    static let compiler: String = {
        #if compiler(>=6.4)
        "swift>=6.4"
        #elseif compiler(>=6.3)
        "swift-6.3"
        #elseif compiler(>=6.2)
        "swift-6.2"
        #else
        "swift<6.2"
        #endif
    }()

    @_spi(Benchmarks) public init(_ experiment: any Experiment, code: CompiledCode) {
        var hasher = SHA256()
        hasher.update("id=\(experiment.id)\nversion=\(experiment.version)\n")
        for parameter in experiment.parameters {
            hasher.update("param \(parameter.name)=\(parameter.value)\n")
        }
        // A seed that is not a shown parameter still decides the run.
        if let seeded = experiment as? any SeededExperiment { hasher.update("seed=\(seeded.seed)\n") }
        hasher.update("compiler=\(Self.compiler)\nvectors=\(VectorUnit.description)\ncode=\(code.digest)\n")
        self.experiment = experiment.id
        self.hash = hasher.hexDigest()
    }

    /// The package-relative path shown in provenance (`Sources/Experiments/…`),
    /// from the experiment's `#filePath`.
    static func displayPath(of experiment: any Experiment) -> String {
        let absolute = experiment.sourceFile
        for marker in ["/Sources/", "/Tests/"] {
            if let range = absolute.range(of: marker, options: .backwards) {
                return String(absolute[range.lowerBound...].dropFirst())
            }
        }
        return (absolute as NSString).lastPathComponent
    }
}
