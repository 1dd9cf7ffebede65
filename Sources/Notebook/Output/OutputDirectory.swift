import Foundation

/// The directory a build replaces, checked before anything is read.
///
/// docgen owns a directory only if it is absent, empty, or carries a
/// `.docgen-output` marker file with docgen's own text and holds nothing but
/// the files that marker lists (`OutputMarker`). It never replaces the
/// chapters, the package, an ancestor of either, `/`, or a directory inside
/// the chapters or the package's `Sources/`, `.build/`, `.docgen-cache/` or
/// `.git/`. A build is written to a staging directory beside the target and
/// swapped in at the end, so a failed or killed build leaves the previous
/// output as it was; a lock file beside the target (`OutputLock`) keeps two
/// builds from writing the same output at once.
public struct OutputDirectory: Sendable, Equatable {
    public static let markerName = OutputMarker.name

    /// The path as the user gave it (for messages).
    public var path: String
    /// The absolute path with symbolic links of its ancestors resolved.
    public var resolvedPath: String

    /// Directories of the package root that are never an output, nor contain one.
    static let packageDirectories = ["Sources", ".build", ResultCache.folderName, ".git"]

    /// Checks that `path` may be replaced by a build.
    public static func validate(_ path: String, chaptersDirectory: String, packageRoot: String) throws(Diagnostics) -> OutputDirectory {
        func refuse(_ why: String) -> Diagnostics {
            Diagnostics(Diagnostic(path: path, message: "refusing to write the site here: \(why)"))
        }
        guard !path.isEmpty else { throw refuse("the output path is empty") }
        // `link/`, `link/.` and `link` are the same link: judge the path without them.
        let lexical = "/" + lexicalComponents(path).joined(separator: "/")
        var info = stat()
        if lexical != "/", lstat(lexical, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
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
        let chapters = protected[1]
        if resolved.hasPrefix(chapters.resolved + "/") {
            throw refuse("it is inside the chapters directory (\(chapters.given)), where its files would be read as chapters")
        }
        let root = protected[0].resolved
        for name in packageDirectories {
            let directory = root == "/" ? "/" + name : root + "/" + name
            if resolved == directory { throw refuse("it is the package's \(name) directory") }
            if resolved.hasPrefix(directory + "/") { throw refuse("it is inside the package's \(name) directory") }
        }
        if resolved.hasSuffix(".md") {
            throw refuse("its name ends in '.md', like a chapter file; name the directory without it")
        }
        // The nearest existing ancestor must be a directory, else nothing can be created below it.
        var ancestor = (resolved as NSString).deletingLastPathComponent
        while ancestor != "/" && lstat(ancestor, &info) != 0 { ancestor = (ancestor as NSString).deletingLastPathComponent }
        if ancestor != "/", stat(ancestor, &info) == 0, info.st_mode & S_IFMT != S_IFDIR {
            throw refuse("\(ancestor) is not a directory, so the site cannot be created inside it")
        }
        let output = OutputDirectory(path: path, resolvedPath: resolved)
        _ = try output.inspect()
        return output
    }

    /// The path's components, made absolute, with `.`, `..`, empty components and trailing slashes removed.
    static func lexicalComponents(_ path: String) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var components: [String] = []
        for component in absolute.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": _ = components.popLast()
            default: components.append(String(component))
            }
        }
        return components
    }

    /// An absolute, normalised path with the symbolic links of its existing part resolved.
    static func resolve(_ path: String) -> String {
        let components = lexicalComponents(path)
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

    /// The directory the output, its staging folder and its lock file are in.
    var parentPath: String { (resolvedPath as NSString).deletingLastPathComponent }

    /// The output's own name (its last path component).
    var name: String { (resolvedPath as NSString).lastPathComponent }

    /// The lock file beside the output (`.site.docgen-lock`).
    var lockPath: String { joinPath(parentPath, OutputLock.fileName(forOutputNamed: name)) }

    /// The path as given, without trailing slashes.
    private var trimmedPath: String {
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed
    }

    /// A real path in or beside the output, written the way the user named the output.
    func display(_ real: String) -> String {
        let given = trimmedPath
        if real == resolvedPath { return path }
        if real.hasPrefix(resolvedPath + "/") { return joinPath(given, String(real.dropFirst(resolvedPath.count + 1))) }
        // Beside the output: only when the name as given is the real name (not `site/..`).
        guard (given as NSString).lastPathComponent == name, real.hasPrefix(parentPath + "/") || parentPath == "/" else { return real }
        let givenParent = given.contains("/") ? (given as NSString).deletingLastPathComponent : ""
        let relative = parentPath == "/" ? String(real.dropFirst()) : String(real.dropFirst(parentPath.count + 1))
        return joinPath(givenParent, relative)
    }
}
