import Foundation

extension OutputDirectory {
    /// Writes `site` into a staging directory beside the target, then swaps it in.
    func replace(with site: Site) throws(BuildFailure) {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: resolvedPath)
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
