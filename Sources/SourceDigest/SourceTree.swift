import Foundation

/// The source files of a module directory and their SHA-256 digests.
///
/// The build-tool plugin (`Plugins/CompiledSourcesPlugin`) runs this when
/// docgen is built, and docgen runs it again on `Sources/` at start, so both
/// sides must see the same files: only the kinds SwiftPM compiles, never
/// hidden files (an editor's `.Foo.swift.swp` is no edit of the code).
public enum SourceTree {
    public struct File: Sendable, Equatable {
        /// Relative to the directory the listing started from, `/`-separated.
        public var path: String
        public var sha256: String

        public init(path: String, sha256: String) {
            self.path = path
            self.sha256 = sha256
        }
    }

    /// Extensions of the files SwiftPM compiles in Swift and C-family targets.
    public static let sourceExtensions: Set<String> = [
        "swift", "c", "cc", "cpp", "cxx", "c++", "h", "hh", "hpp", "hxx", "inc", "m", "mm", "s", "S", "modulemap",
    ]

    /// Every source file below `directory`, sorted by path; nil if it is not a directory.
    public static func files(in directory: String) -> [File]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: directory) else { return nil }
        var files: [File] = []
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                enumerator.skipDescendants()
                continue
            }
            guard sourceExtensions.contains((name as NSString).pathExtension),
                  let data = FileManager.default.contents(atPath: directory + "/" + relative) else { continue }
            var hasher = SHA256()
            hasher.update(data)
            files.append(File(path: relative, sha256: hasher.hexDigest()))
        }
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// The files of several module directories, each path prefixed with its
    /// directory (`Sources/LossKit/Losses/…`); a missing directory has none.
    /// Nil when every directory is missing.
    public static func files(inModules directories: [String], under root: String) -> [File]? {
        var files: [File] = []
        var foundAny = false
        for directory in directories {
            guard let found = Self.files(in: root + "/" + directory) else { continue }
            foundAny = true
            files += found.map { File(path: directory + "/" + $0.path, sha256: $0.sha256) }
        }
        return foundAny ? files : nil
    }

    /// One digest over a list of files: their paths and their digests, in order.
    public static func digest(of files: [File]) -> String {
        var hasher = SHA256()
        for file in files { hasher.update("\(file.path) \(file.sha256)\n") }
        return hasher.hexDigest()
    }
}
