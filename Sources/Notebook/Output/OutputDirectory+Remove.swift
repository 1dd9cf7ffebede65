import Foundation

extension OutputDirectory {
    /// Removes from `root` (an earlier output, moved aside) exactly what `contents`
    /// records docgen wrote there: each file is unlinked, then each directory is
    /// removed, deepest first, if it is empty. Anything else (a file copied in
    /// after the output was inspected) stays. Returns what stayed, relative to
    /// `root` (directories with a trailing slash), sorted; empty when `root` is gone.
    static func removeRecorded(_ root: String, _ contents: Contents) throws(FileSystemError) -> [String] {
        for relative in contents.files.keys.sorted() {
            let file = root + "/" + relative
            // Never a directory: one put where a file of the site was stays, and is reported.
            if unlink(file) != 0, errno != ENOENT, errno != EISDIR, errno != EPERM {
                throw FileSystemError(path: file, action: "remove", errno: errno)
            }
        }
        let deepestFirst = contents.directories.sorted {
            let (a, b) = ($0.split(separator: "/").count, $1.split(separator: "/").count)
            return a != b ? a > b : $0 > $1
        }
        for relative in deepestFirst {
            let directory = relative.isEmpty ? root : root + "/" + relative
            if rmdir(directory) != 0, errno != ENOENT, errno != ENOTEMPTY, errno != EEXIST, errno != ENOTDIR {
                throw FileSystemError(path: directory, action: "remove", errno: errno)
            }
        }
        var info = stat()
        guard lstat(root, &info) == 0 else { return [] }
        return remaining(root)
    }

    /// Everything under `root` that is not a directory, and directories that are empty.
    private static func remaining(_ root: String) -> [String] {
        var left: [String] = []
        var pending = [""]
        while let directory = pending.popLast() {
            let absolute = directory.isEmpty ? root : root + "/" + directory
            let names = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
            if names.isEmpty, !directory.isEmpty { left.append(directory + "/") }
            for name in names {
                let relative = directory.isEmpty ? name : directory + "/" + name
                var info = stat()
                if lstat(absolute + "/" + name, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    pending.append(relative)
                } else {
                    left.append(relative)
                }
            }
        }
        return left.sorted()
    }

    /// Removes the previous output, moved to `aside` by the swap, as `removeRecorded`
    /// does; if anything docgen did not write is left, moves the folder to a name
    /// of its own beside the output and returns a warning naming what is left and where.
    func removePrevious(_ aside: String, _ contents: Contents) throws(FileSystemError) -> String? {
        let left = try Self.removeRecorded(aside, contents)
        guard !left.isEmpty else { return nil }
        // Out of the staging name, which this process (`serve`) uses again, and which no later build removes.
        var kept = aside
        let base = name.utf8.count <= 240 ? name + ".kept" : ".docgen-kept-" + shortHash(name)
        var info = stat()
        for attempt in 1...100 {
            let candidate = joinPath(parentPath, attempt == 1 ? base : base + "-\(attempt)")
            guard lstat(candidate, &info) != 0, errno == ENOENT else { continue }
            if rename(aside, candidate) == 0 { kept = candidate }
            break
        }
        let shown = left.prefix(5).joined(separator: ", ")
        let more = left.count > 5 ? " and \(left.count - 5) more" : ""
        return "files docgen did not write were added to \(path) while the site was being written; "
            + "they were not deleted, and are in \(display(kept)): \(shown)\(more)"
    }
}
