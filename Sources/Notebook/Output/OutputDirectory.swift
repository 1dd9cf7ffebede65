import Foundation

/// The directory a build replaces, checked before anything is read.
///
/// docgen owns a directory only if it is absent, empty, or carries the
/// `.docgen-output` marker; it never replaces the chapters, the package, an
/// ancestor of either, or `/`. A build is written to a staging directory beside
/// the target and swapped in at the end, so a failed or killed build leaves the
/// previous output as it was.
public struct OutputDirectory: Sendable, Equatable {
    public static let markerName = ".docgen-output"
    static let markerText = "This directory is written by docgen (LossNotebook) and replaced on every build.\n"

    /// The path as the user gave it (for messages).
    public var path: String
    /// The absolute path with symbolic links of its ancestors resolved.
    public var resolvedPath: String

    /// Checks that `path` may be replaced by a build.
    public static func validate(_ path: String, chaptersDirectory: String, packageRoot: String) throws(BuildFailure) -> OutputDirectory {
        func refuse(_ why: String) -> BuildFailure {
            BuildFailure([Diagnostic(path: path, message: "refusing to write the site here: \(why)")])
        }
        guard !path.isEmpty else { throw refuse("the output path is empty") }
        let fileManager = FileManager.default
        if (try? fileManager.destinationOfSymbolicLink(atPath: path)) != nil {
            throw refuse("it is a symbolic link; give the real directory")
        }
        let resolved = resolve(path)
        if resolved == "/" { throw refuse("it is the root directory") }
        let protected = [("package root", packageRoot), ("chapters directory", chaptersDirectory)]
            .map { (name: $0.0, given: $0.1, resolved: resolve($0.1)) }
        for other in protected where other.resolved == resolved { throw refuse("it is the \(other.name)") }
        for other in protected where other.resolved.hasPrefix(resolved + "/") {
            throw refuse("it contains the \(other.name) (\(other.given))")
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: resolved, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw refuse("it exists and is not a directory") }
            let entries = (try? fileManager.contentsOfDirectory(atPath: resolved)) ?? []
            if !entries.isEmpty && !entries.contains(markerName) {
                throw refuse("the directory is not empty and has no \(markerName) marker, so docgen did not make it")
            }
        }
        return OutputDirectory(path: path, resolvedPath: resolved)
    }

    /// An absolute, normalised path with the symbolic links of its existing part resolved.
    static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [String] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(String(component))
            }
        }
        // Resolve the longest existing prefix, keep the rest as written.
        var existing = components.count
        while existing > 0 && !FileManager.default.fileExists(atPath: "/" + components[..<existing].joined(separator: "/")) {
            existing -= 1
        }
        var head = "/" + components[..<existing].joined(separator: "/")
        if existing > 0, let real = realpath(head, nil) {
            head = String(cString: real)
            free(real)
        }
        let tail = components[existing...].joined(separator: "/")
        if tail.isEmpty { return head }
        return head == "/" ? "/" + tail : head + "/" + tail
    }
}
