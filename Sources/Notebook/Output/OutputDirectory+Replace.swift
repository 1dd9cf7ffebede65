import Foundation

extension OutputDirectory {
    /// Writes `site` into a staging directory beside the target, then swaps it in.
    /// Files whose bytes did not change are hard-linked from the current output
    /// rather than written again; if nothing changed at all, nothing is written.
    /// Returns the number of files whose bytes changed.
    @discardableResult
    func replace(with site: Site) throws(BuildFailure) -> Int {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: resolvedPath)
        let (unchanged, sameFileSet) = Self.unchangedFiles(site, in: target.path)
        if sameFileSet && unchanged.count == site.files.count { return 0 }
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let staging = parent.appendingPathComponent(".\(name).docgen-staging-\(getpid())")
        func fail(_ why: String) -> BuildFailure {
            BuildFailure([Diagnostic(path: path, message: "could not write the site: \(why)")])
        }
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            removeStaleStagingDirectories(in: parent, name: name)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: false)
            // The marker goes first: an interrupted staging directory is recognisably ours.
            try Data(Self.markerText.utf8).write(to: staging.appendingPathComponent(Self.markerName))
            for (relative, bytes) in site.files.sorted(by: { $0.key < $1.key }) {
                let file = staging.appendingPathComponent(relative)
                try fileManager.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                if unchanged.contains(relative), link(target.appendingPathComponent(relative).path, file.path) == 0 { continue }
                try Data(bytes).write(to: file)
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw fail(String(describing: error))
        }
        if let swapFailure = Self.swap(staging.path, target.path) {
            try? fileManager.removeItem(at: staging)
            throw fail(swapFailure)
        }
        // After the swap the staging path holds the previous output (if any).
        try? fileManager.removeItem(at: staging)
        return site.files.count - unchanged.count
    }

    /// The site's files that the current output already holds byte for byte (as
    /// regular files, never links), and whether the output has exactly the site's files.
    static func unchangedFiles(_ site: Site, in directory: String) -> (Set<String>, Bool) {
        var unchanged = Set<String>()
        var existing = Set<String>()
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return ([], false) }
        while let relative = enumerator.nextObject() as? String {
            var info = stat()
            guard lstat(directory + "/" + relative, &info) == 0 else { continue }
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { continue }
            existing.insert(relative)
            guard kind == S_IFREG, let bytes = site.files[relative], Int(info.st_size) == bytes.count,
                  let data = FileManager.default.contents(atPath: directory + "/" + relative), Self.sameBytes(data, bytes)
            else { continue }
            unchanged.insert(relative)
        }
        existing.remove(markerName)
        return (unchanged, existing == Set(site.files.keys))
    }

    /// Byte equality with one memcmp (iterating `Data` byte by byte was a tenth of a warm rebuild).
    static func sameBytes(_ data: Data, _ bytes: [UInt8]) -> Bool {
        guard data.count == bytes.count else { return false }
        return data.withUnsafeBytes { a in
            bytes.withUnsafeBytes { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }

    /// Exchanges two paths atomically where the system can (Linux `renameat2`),
    /// or moves the new directory into place. Returns an error message on failure.
    static func swap(_ staging: String, _ target: String) -> String? {
        guard FileManager.default.fileExists(atPath: target) else {
            return rename(staging, target) == 0 ? nil : String(cString: strerror(errno))
        }
        if let exchange = AtomicExchange.function, exchange(AT_FDCWD, staging, AT_FDCWD, target, AtomicExchange.flag) == 0 {
            return nil
        }
        // No atomic exchange: move the old output aside, then the new one in.
        let aside = staging + ".old"
        guard rename(target, aside) == 0 else { return String(cString: strerror(errno)) }
        guard rename(staging, target) == 0 else {
            let message = String(cString: strerror(errno))
            _ = rename(aside, target)
            return message
        }
        _ = rename(aside, staging)
        return nil
    }

    /// Staging directories left by a killed build carry the marker; remove them.
    private func removeStaleStagingDirectories(in parent: URL, name: String) {
        let fileManager = FileManager.default
        let prefix = ".\(name).docgen-staging-"
        for entry in (try? fileManager.contentsOfDirectory(atPath: parent.path)) ?? [] where entry.hasPrefix(prefix) {
            let url = parent.appendingPathComponent(entry)
            if fileManager.fileExists(atPath: url.appendingPathComponent(Self.markerName).path) {
                try? fileManager.removeItem(at: url)
            }
        }
    }
}

/// `renameat2(…, RENAME_EXCHANGE)`, looked up at run time because Swift's Glibc
/// module does not declare it.
enum AtomicExchange {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let flag: UInt32 = 1 << 1

    static let function: Function? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: Function.self)
        #else
        return nil
        #endif
    }()
}
