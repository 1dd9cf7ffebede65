import Experiments
import Foundation
import LossKit

/// What a cached result depends on: the experiment's id, version and parameters,
/// the text of its source file and of every file under `Sources/LossKit`, the
/// compiler that built docgen, and the vector unit LossKit was compiled for.
struct CacheKey: Sendable {
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

    /// `libraryDigest` is the digest of `Sources/LossKit/**`, computed once per build.
    init(_ experiment: any Experiment, packageRoot: String, libraryDigest: String) {
        var hasher = SHA256()
        hasher.update("id=\(experiment.id)\nversion=\(experiment.version)\n")
        for parameter in experiment.parameters {
            hasher.update("param \(parameter.name)=\(parameter.value)\n")
        }
        hasher.update("compiler=\(Self.compiler)\nvectors=\(VectorUnit.description)\nlibrary=\(libraryDigest)\nsource=")
        if let source = FileManager.default.contents(atPath: Self.sourcePath(of: experiment, packageRoot: packageRoot)) {
            hasher.update(source)
        }
        self.experiment = experiment.id
        self.hash = hasher.hexDigest()
    }

    /// The experiment's file relative to the package (`Sources/Experiments/…`), from
    /// its `#filePath`, which may name another checkout of the same sources.
    private static func packageRelativePath(of experiment: any Experiment) -> String? {
        let absolute = experiment.sourceFile
        for marker in ["/Sources/", "/Tests/"] {
            if let range = absolute.range(of: marker, options: .backwards) {
                return String(absolute[range.lowerBound...].dropFirst())
            }
        }
        return nil
    }

    /// The experiment's file inside this package, or its `#filePath` as a last resort.
    static func sourcePath(of experiment: any Experiment, packageRoot: String) -> String {
        if let relative = packageRelativePath(of: experiment) {
            let candidate = joinPath(packageRoot, relative)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return experiment.sourceFile
    }

    /// The package-relative path shown in provenance (`Sources/Experiments/…`).
    static func displayPath(of experiment: any Experiment) -> String {
        packageRelativePath(of: experiment) ?? (experiment.sourceFile as NSString).lastPathComponent
    }

    /// One digest over every file below `directory`, in path order.
    static func digest(ofDirectory directory: String) -> String {
        var hasher = SHA256()
        let fileManager = FileManager.default
        let files = (fileManager.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
        for relative in files {
            guard let data = fileManager.contents(atPath: joinPath(directory, relative)) else { continue }
            hasher.update("file \(relative) \(data.count)\n")
            hasher.update(data)
        }
        return hasher.hexDigest()
    }
}
