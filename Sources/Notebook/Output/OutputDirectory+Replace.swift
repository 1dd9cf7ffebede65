import Foundation

extension OutputDirectory {
    /// What writing the site did.
    struct WriteReport: Sendable {
        /// Whether anything was written (else the output already held the site).
        var wrote: Bool
        /// How many of the site's files changed.
        var changed: Int
        /// Lines for the progress output, such as a stale staging folder that could not be removed.
        var notes: [String] = []
        /// The output as this write left it, when that differs from the record it was given.
        var record: OutputRecord?
        /// Nothing was written: a stored piece is neither in the output (which changed since the
        /// build looked at it) nor readable where it is kept. Build again without the record.
        var incomplete = false
    }

    /// Writes `site` into a staging directory beside the target, then swaps it in,
    /// holding the output's lock throughout. Files whose bytes did not change are
    /// hard-linked from the current output rather than written again; if nothing
    /// changed at all, nothing is written. `record` (what the last write left) spares
    /// reading the files it vouches for (`OutputRecord`).
    func replace(with site: Site, record: OutputRecord? = nil, lockWait: Double = OutputLock.defaultWait) async throws(Diagnostics) -> WriteReport {
        func fail(_ error: FileSystemError) -> Diagnostics { Diagnostics(error.diagnostic(display: display)) }
        do {
            try FileOperations.makeDirectories(parentPath)
        } catch {
            throw fail(error)
        }
        let session = try await OutputWrites.begin(self, wait: lockWait)
        defer { session.finish() }

        // Under the lock: the output may have changed since the build began.
        let contents = try inspect() ?? Contents(files: [:], directories: [])
        let inspectedAt = FileState.clock()
        let notes = removeStaleStaging()
        var files = site.files
        files[OutputMarker.name] = SiteFile(Array(OutputMarker(files: Set(site.files.keys)).text.utf8))
        let pieces = files.mapValues { $0.pieces.map(\.id) }
        let trusted = record?.trusted(contents.files) ?? [:]
        let unchanged = Self.unchangedFiles(files, pieces: pieces, trusted: trusted, in: resolvedPath, contents: contents)
        if unchanged.count == files.count && contents.files.count == files.count {
            let current = trusted.count == files.count ? nil : OutputRecord(states: contents.files, recordedAt: inspectedAt, values: pieces)
            return WriteReport(wrote: false, changed: 0, notes: notes, record: current)
        }
        try checkRemovable(contents)
        let offsets = trusted.mapValues(Self.offsets)
        for (relative, file) in files where !unchanged.contains(relative) {
            for case .stored(let stored) in file.pieces where offsets[relative]?[stored.id] == nil && stored.load() == nil {
                return WriteReport(wrote: false, changed: 0, notes: notes, incomplete: true)
            }
        }

        var report = WriteReport(wrote: true, changed: site.files.keys.filter { !unchanged.contains($0) }.count, notes: notes)
        let staging = joinPath(parentPath, stagingPrefix + String(getpid()))
        // The marker first (an interrupted staging directory is recognisably ours), then the files
        // written anew, then the links: the new files' times are then furthest from the record's.
        let rest = files.keys.filter { $0 != OutputMarker.name }.sorted()
        let order = [OutputMarker.name] + rest.filter { !unchanged.contains($0) } + rest.filter { unchanged.contains($0) }
        do throws(WriteSession.StepFailure) {
            try session.createStaging(staging)
            var made: Set<String> = [""]
            for relative in order {
                try session.step { () throws(FileSystemError) in
                    let directory = (relative as NSString).deletingLastPathComponent
                    var partial = ""
                    for component in directory.split(separator: "/") {
                        partial = partial.isEmpty ? String(component) : partial + "/" + component
                        // One level at a time, never `mkdir -p`: a removed staging folder is not recreated.
                        if made.insert(partial).inserted { try FileOperations.makeDirectory(staging + "/" + partial) }
                    }
                    let file = staging + "/" + relative
                    if unchanged.contains(relative), link(resolvedPath + "/" + relative, file) == 0 { return }
                    try write(files[relative]!, to: file, current: offsets[relative].map { (resolvedPath + "/" + relative, $0) })
                }
                if relative == OutputMarker.name, ProcessInfo.processInfo.environment["DOCGEN_TEST_STOP_WHILE_WRITING"] != nil {
                    // Tests only: stop here, mid-write with the lock held, until SIGCONT.
                    raise(SIGSTOP)
                }
            }
            try session.swap(into: resolvedPath, previous: contents)
        } catch {
            let cleanup: FileSystemError?
            do { _ = try session.removeStaging(); cleanup = nil } catch { cleanup = error }
            var diagnostics: [Diagnostic]
            switch error {
            case .interrupted:
                diagnostics = [Diagnostic(path: path, message: "the build was interrupted before the new site was swapped in")]
            case .failed(let failure):
                diagnostics = [failure.diagnostic(display: display)]
            }
            if let cleanup { diagnostics.append(cleanup.diagnostic(display: display)) }
            throw Diagnostics(diagnostics[0], Array(diagnostics.dropFirst()))
        }
        // After the swap the staging path holds the previous output (if any):
        // only what `contents` lists goes, anything added since it was inspected stays.
        do {
            if let warning = try session.removeStaging() { report.notes.append("    warning: " + warning) }
        } catch {
            throw Diagnostics(Diagnostic(path: display(error.path), message:
                "the new site is in \(path), but the previous one, moved here, could not be removed: \(error.reason)"))
        }
        // Last: moving the old files out changed their links, and so their states.
        let states = FileState.of(pieces.keys, in: resolvedPath)
        report.record = OutputRecord(states: states, recordedAt: FileState.clock(), values: pieces)
        return report
    }

    /// Where each piece starts in a file made of `pieces` (the first place, if it is there twice).
    private static func offsets(_ pieces: [ContentId]) -> [ContentId: Int] {
        var offsets: [ContentId: Int] = [:], offset = 0
        for piece in pieces {
            if offsets[piece] == nil { offsets[piece] = offset }
            offset += piece.count
        }
        return offsets
    }

    /// Writes `file` as a new file at `path`. A stored piece is copied from the current output's
    /// file (`current`: its path and where the record vouches its pieces are) when that has it,
    /// else read from where it is kept (which `replace` made sure it can be).
    private func write(_ file: SiteFile, to path: String, current: (path: String, offsets: [ContentId: Int])?) throws(FileSystemError) {
        let source = current.map { open($0.path, O_RDONLY | O_CLOEXEC) } ?? -1
        defer { if source >= 0 { close(source) } }
        var parts: [FileOperations.Part] = []
        for piece in file.pieces {
            if case .stored(let stored) = piece, source >= 0, let start = current?.offsets[stored.id] {
                parts.append(.copy(from: source, offset: start, count: stored.count))
            } else if let bytes = piece.load() {
                parts.append(.bytes(bytes))
            } else {
                throw FileSystemError(path: path, action: "write the file", reason: "what .docgen-cache kept of it can no longer be read")
            }
        }
        try FileOperations.writeNewFile(path, parts: parts)
    }

    /// The staging folders of this output start with this: short, whatever the output's
    /// name (a 255-byte name must still fit), and naming the owner's pid after it.
    var stagingPrefix: String { ".docgen-staging-\(shortHash(name))-" }

    /// The site's files that the current output already holds byte for byte (as regular
    /// files, never links): by the record where it vouches for the file (`trusted`), else by
    /// reading the file.
    static func unchangedFiles(_ files: [String: SiteFile], pieces: [String: [ContentId]], trusted: [String: [ContentId]],
                               in directory: String, contents: Contents) -> Set<String> {
        var unchanged = Set(trusted.filter { pieces[$0.key] == $0.value }.map(\.key))
        let candidates = contents.files.filter { trusted[$0.key] == nil && files[$0.key]?.count == $0.value.size }.map(\.key)
        // A textbook's output is tens of megabytes, read on every rebuild without a record: in
        // two halves at once, each read through one buffer.
        let halves = [Array(candidates.prefix(candidates.count / 2)), Array(candidates.dropFirst(candidates.count / 2))]
        let found = Found()
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            var same = Set<String>()
            for relative in halves[half] where Self.file(directory + "/" + relative, holds: files[relative]!, buffer: &buffer) {
                same.insert(relative)
            }
            found.add(same)
        }
        unchanged.formUnion(found.paths)
        return unchanged
    }

    /// The unchanged paths the two halves found.
    private final class Found: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var paths = Set<String>()

        func add(_ more: Set<String>) {
            lock.withLock { paths.formUnion(more) }
        }
    }

    /// Whether the file at `path` holds exactly `expected`, read a buffer at a time and
    /// compared piece by piece with memcmp (a stored piece that cannot be read differs).
    static func file(_ path: String, holds expected: SiteFile, buffer: inout [UInt8]) -> Bool {
        let file = open(path, O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        return buffer.withUnsafeMutableBytes { chunk in
            for piece in expected.pieces {
                guard let bytes = piece.load() else { return false }
                let same = bytes.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let wanted = min(chunk.count, bytes.count - offset)
                        guard FileOperations.readFully(file, into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<wanted])) == wanted,
                              memcmp(chunk.baseAddress!, bytes.baseAddress! + offset, wanted) == 0 else { return false }
                        offset += wanted
                    }
                    return true
                }
                guard same else { return false }
            }
            // Nothing after the last piece.
            return FileOperations.readFully(file, into: UnsafeMutableRawBufferPointer(rebasing: chunk[..<1])) == 0
        }
    }

    /// The old site goes once the new one is in: refuse before writing if a
    /// directory of it is read-only, rather than leave it beside the output.
    private func checkRemovable(_ contents: Contents) throws(Diagnostics) {
        // An empty directory goes with its parent's permission alone.
        if contents.files.isEmpty && contents.directories.count <= 1 { return }
        for relative in contents.directories {
            let directory = relative.isEmpty ? resolvedPath : resolvedPath + "/" + relative
            guard access(directory, W_OK | X_OK) != 0 else { continue }
            let reason = FileSystemError.reason(errno: errno)
            throw Diagnostics(Diagnostic(path: display(directory), message:
                "cannot replace the site: the old files in this directory cannot be removed (\(reason)); "
                + "make it writable, for example with chmod -R u+w \(path)"))
        }
    }

    /// Removes staging folders of this output whose owner process is gone
    /// (with the lock held, one of this process is no longer being written
    /// either), including the `.site.docgen-staging-PID` form of older docgen.
    /// Returns a note for each that could not be removed.
    private func removeStaleStaging() -> [String] {
        let prefixes = [stagingPrefix, ".\(name).docgen-staging-"]
        var notes: [String] = []
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parentPath)) ?? [] {
            guard let prefix = prefixes.first(where: { entry.hasPrefix($0) }) else { continue }
            var owner = entry.dropFirst(prefix.count)
            if owner.hasSuffix(".old") { owner = owner.dropLast(4) }
            guard let pid = Int32(owner), pid > 0 else { continue }
            guard pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH) else { continue }
            let folder = joinPath(parentPath, entry)
            let markerPath = folder + "/" + OutputMarker.name
            let isOurs = FileManager.default.contents(atPath: markerPath).flatMap { OutputMarker.parse(Array($0)) } != nil
                || ((try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty ?? false)
            guard isOurs else { continue }
            do {
                try FileOperations.removeTree(folder)
            } catch {
                notes.append("    could not remove \(display(folder)), left by an interrupted build: \(error.reason)")
            }
        }
        return notes
    }

    /// Exchanges two paths atomically where the system can (Linux `renameat2`),
    /// or moves the new directory into place.
    static func swap(_ staging: String, _ target: String) throws(FileSystemError) {
        var info = stat()
        guard lstat(target, &info) == 0 else {
            guard rename(staging, target) == 0 else { throw FileSystemError(path: target, action: "move the new site into place", errno: errno) }
            return
        }
        if let exchange = AtomicExchange.function, exchange(AT_FDCWD, staging, AT_FDCWD, target, AtomicExchange.flag) == 0 {
            return
        }
        // No atomic exchange: move the old output aside, then the new one in.
        let aside = staging + ".old"
        guard rename(target, aside) == 0 else { throw FileSystemError(path: target, action: "move the old site aside", errno: errno) }
        guard rename(staging, target) == 0 else {
            let code = errno
            _ = rename(aside, target)
            throw FileSystemError(path: target, action: "move the new site into place", errno: code)
        }
        _ = rename(aside, staging)
    }
}

/// `renameat2(…, RENAME_EXCHANGE)`, looked up at run time because Swift's Glibc
/// module does not declare it.
enum AtomicExchange {
    typealias Function = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
    static let flag: UInt32 = 1 << 1

    static let function = System.glibcFunction("renameat2", as: Function.self)
}
