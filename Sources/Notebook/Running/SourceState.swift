import ExperimentKit
import Foundation

/// Whether the running docgen was built from the sources `Sources/` holds now.
/// A stale docgen still builds, but its numbers come from the code it was built
/// from, not from the files a reader (or a listing) sees, so it never writes
/// the cache and says so.
public enum SourceState: Sendable, Equatable {
    case current
    /// Package-relative paths of the files added, removed or edited since docgen was built.
    case stale(changedFiles: [String])
    /// The package root holds none of the compiled module directories (docgen runs
    /// outside its package, or the registry names none): nothing to compare.
    case unchecked

    /// Compares `code` with the files below `packageRoot`.
    public static func of(_ code: CompiledCode, packageRoot: String) -> SourceState {
        guard let onDisk = CompiledCode.onDisk(moduleDirectories: code.moduleDirectories, packageRoot: packageRoot,
                                               otherPackagesDigest: code.otherPackagesDigest) else { return .unchecked }
        let built = Dictionary(code.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let now = Dictionary(onDisk.files.map { ($0.path, $0.sha256) }, uniquingKeysWith: { first, _ in first })
        let changed = Set(built.keys).union(now.keys).filter { built[$0] != now[$0] }
        return changed.isEmpty ? .current : .stale(changedFiles: changed.sorted())
    }

    /// Results may be stored only when they come from the code in `Sources/`.
    var allowsCacheWrites: Bool {
        if case .stale = self { return false }
        return true
    }

    /// The warning a stale docgen prints once per build; nil otherwise.
    public var warning: String? {
        guard case .stale(let changed) = self else { return nil }
        let shown = changed.prefix(5).joined(separator: ", ") + (changed.count > 5 ? ", and \(changed.count - 5) more" : "")
        return """
            warning: docgen was built from other sources than Sources/ holds; run 'swift run docgen' to rebuild it
              changed since it was built: \(shown)
              numbers, figures and listings may not match the code shown; nothing is written to .docgen-cache/
            """
    }

    /// One line for `docgen list`.
    public var summary: String {
        switch self {
        case .current: "docgen was built from the sources Sources/ holds"
        case .stale(let changed): "docgen is stale: \(changed.count) source file\(changed.count == 1 ? "" : "s") changed since it was built; run 'swift run docgen'"
        case .unchecked: "no experiment sources under the package root to compare docgen with"
        }
    }
}
