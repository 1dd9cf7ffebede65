import Foundation

extension OutputDirectory {
    /// What an existing output holds, once docgen knows it wrote all of it.
    struct Contents {
        /// Regular files by path relative to the output (the marker included), with their states.
        var files: [String: FileState] = [:]
        /// Directories relative to the output; "" is the output itself.
        var directories: [String] = [""]
    }

    /// Reads the output directory as it is now: nil when it does not exist,
    /// its contents when docgen may replace it, and a refusal that says why otherwise.
    func inspect() throws(Diagnostics) -> Contents? {
        func refuse(_ why: String) -> Diagnostics {
            Diagnostics(Diagnostic(path: path, message: "refusing to write the site here: \(why)"))
        }
        var info = stat()
        guard lstat(resolvedPath, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Diagnostics(FileSystemError(path: resolvedPath, action: "look at the output directory", errno: errno).diagnostic(display: display))
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw refuse("it exists and is not a directory") }
        let top: [String]
        do {
            top = try FileManager.default.contentsOfDirectory(atPath: resolvedPath)
        } catch {
            throw Diagnostics(FileSystemError(path: resolvedPath, action: "read the directory", error: error).diagnostic(display: display))
        }
        if top.isEmpty { return Contents() }

        let markerPath = resolvedPath + "/" + OutputMarker.name
        guard lstat(markerPath, &info) == 0 else {
            throw refuse("the directory is not empty and has no \(OutputMarker.name) marker, so docgen did not make it")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw refuse("its \(OutputMarker.name) is \(Self.kindWords(info.st_mode)), not the marker file docgen writes, so docgen did not make this directory")
        }
        guard info.st_size <= 16 << 20, let data = FileManager.default.contents(atPath: markerPath),
              let marker = OutputMarker.parse(Array(data)) else {
            throw refuse("its \(OutputMarker.name) file does not hold docgen's text, so docgen did not make this directory")
        }

        var contents = Contents()
        var foreign: [String] = []
        var pending = [""]
        while let directory = pending.popLast() {
            let absolute = directory.isEmpty ? resolvedPath : resolvedPath + "/" + directory
            let names: [String]
            do {
                names = try FileManager.default.contentsOfDirectory(atPath: absolute).sorted()
            } catch {
                throw Diagnostics(FileSystemError(path: absolute, action: "read the directory", error: error).diagnostic(display: display))
            }
            for name in names {
                let relative = directory.isEmpty ? name : directory + "/" + name
                guard lstat(absolute + "/" + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFDIR where marker.owns(directory: relative):
                    contents.directories.append(relative)
                    pending.append(relative)
                case S_IFDIR:
                    // An empty directory loses nothing when it goes; anything in it would.
                    let inside = (try? FileManager.default.contentsOfDirectory(atPath: absolute + "/" + name)) ?? ["?"]
                    if !inside.isEmpty { foreign.append(relative + "/") }
                case S_IFREG where marker.owns(file: relative):
                    contents.files[relative] = FileState(info)
                case S_IFREG:
                    foreign.append(relative)
                default:
                    foreign.append("\(relative) (\(Self.kindWords(info.st_mode)))")
                }
            }
        }
        guard foreign.isEmpty else {
            let shown = foreign.sorted().prefix(5).joined(separator: ", ")
            let more = foreign.count > 5 ? " and \(foreign.count - 5) more" : ""
            throw refuse("it holds files docgen did not write (\(shown)\(more)) and a build would delete them; "
                + "move them out, or build into another directory and copy the site")
        }
        return contents
    }

    /// "a directory", "a symbolic link", … for a `st_mode`.
    static func kindWords(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: "a directory"
        case S_IFLNK: "a symbolic link"
        case S_IFREG: "a file"
        case S_IFIFO: "a named pipe"
        case S_IFSOCK: "a socket"
        default: "a device"
        }
    }
}
