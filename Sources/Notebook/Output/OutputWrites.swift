import Foundation

/// The output writes in progress in this process, so that an interrupted
/// process removes their staging folders and lock files before it exits.
///
/// `docgen build` calls `interrupt()` when SIGINT, SIGTERM or SIGHUP arrives,
/// then dies of the signal; `docgen serve` calls it when it stops. A write
/// does each step (a directory, a file, the swap) with the registry's lock
/// held, so an interrupt waits for the step in progress and then no further
/// step runs: the output is the old site or the new one, and no staging
/// folder is left.
public enum OutputWrites {
    /// Stops every write in progress: removes its staging folder (after a
    /// swap that is the previous site) and releases its lock. Returns the
    /// problems met, such as a staging folder that could not be removed.
    @discardableResult
    public static func interrupt() -> [Diagnostic] {
        registry.mutex.lock()
        defer { registry.mutex.unlock() }
        registry.interrupted = true
        var problems: [Diagnostic] = []
        for session in registry.sessions.values {
            if let failure = session.stopLocked() { problems.append(failure) }
        }
        registry.sessions.removeAll()
        return problems
    }

    /// Takes the output's lock and registers a write of `output`.
    static func begin(_ output: OutputDirectory, wait: Double = OutputLock.defaultWait) async throws(Diagnostics) -> WriteSession {
        let lock: OutputLock
        do {
            lock = try await OutputLock.acquire(output.lockPath, wait: wait)
        } catch {
            switch error {
            case .busy(let holder):
                let process = holder.map { " (process \($0))" } ?? ""
                throw Diagnostics(Diagnostic(path: output.path, message:
                    "another docgen is writing \(output.path)\(process); waited \(Int(wait)) s for it to finish, try again when it has"))
            case .fileSystem(let failure):
                throw Diagnostics(failure.diagnostic(display: output.display))
            }
        }
        let session = WriteSession(output: output, lock: lock)
        registry.add(session)
        return session
    }

    /// Whether `interrupt()` ran: the process is about to die of a signal, so a build
    /// that failed because its write was stopped should not exit on its own first.
    public static var wasInterrupted: Bool {
        registry.mutex.lock()
        defer { registry.mutex.unlock() }
        return registry.interrupted
    }

    final class Registry: @unchecked Sendable {
        let mutex = NSLock()
        var sessions: [ObjectIdentifier: WriteSession] = [:]
        var interrupted = false

        func add(_ session: WriteSession) {
            mutex.lock()
            sessions[ObjectIdentifier(session)] = session
            mutex.unlock()
        }
    }

    static let registry = Registry()
}

/// One build's write into its output: the lock it holds and the staging
/// folder it fills. Every method takes the registry's lock.
final class WriteSession: @unchecked Sendable {
    let output: OutputDirectory
    private let lock: OutputLock
    /// The staging folder while it exists (after the swap: the previous site).
    private var staging: String?
    /// After the swap: what the previous site held that docgen wrote, the only
    /// things removed from it (anything added since it was inspected stays).
    private var previous: OutputDirectory.Contents?
    /// Set by an interrupt (or by `finish`): no further step runs.
    private var stopped = false

    init(output: OutputDirectory, lock: OutputLock) {
        self.output = output
        self.lock = lock
    }

    /// Why a step did not run or did not succeed.
    enum StepFailure: Error {
        case interrupted
        case failed(FileSystemError)
    }

    /// Runs one step of the write unless the write was interrupted.
    func step<T>(_ body: () throws(FileSystemError) -> T) throws(StepFailure) -> T {
        let registry = OutputWrites.registry
        registry.mutex.lock()
        defer { registry.mutex.unlock() }
        guard !stopped else { throw .interrupted }
        do {
            return try body()
        } catch {
            throw .failed(error)
        }
    }

    /// Creates the staging folder and remembers it, so an interrupt removes it.
    func createStaging(_ path: String) throws(StepFailure) {
        try step { () throws(FileSystemError) in
            try FileOperations.makeDirectory(path)
            staging = path
        }
    }

    /// Swaps the staging folder with the output; from then on the staging path
    /// holds the previous site, of which only `contents` is removed.
    func swap(into target: String, previous contents: OutputDirectory.Contents) throws(StepFailure) {
        try step { () throws(FileSystemError) in
            guard let path = staging else { return }
            try OutputDirectory.swap(path, target)
            previous = contents
        }
    }

    /// Removes the staging folder if it is still there (after a swap into an
    /// absent output there is nothing left; after an interrupt it is gone).
    /// Returns a warning for anything docgen did not write, which it leaves.
    func removeStaging() throws(FileSystemError) -> String? {
        let registry = OutputWrites.registry
        registry.mutex.lock()
        defer { registry.mutex.unlock() }
        return try removeStagingLocked()
    }

    /// `removeStaging` with the registry's lock held.
    private func removeStagingLocked() throws(FileSystemError) -> String? {
        guard let path = staging else { return nil }
        staging = nil
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if let previous {
            // The previous site: never `removeTree`, which would take what was added since it was inspected.
            self.previous = nil
            return try output.removePrevious(path, previous)
        }
        // Not swapped in: only what this build wrote.
        try FileOperations.removeTree(path)
        return nil
    }

    /// Ends the write: removes what is left of the staging folder, releases the lock, unregisters.
    func finish() {
        let registry = OutputWrites.registry
        registry.mutex.lock()
        defer { registry.mutex.unlock() }
        _ = stopLocked()
        registry.sessions[ObjectIdentifier(self)] = nil
    }

    /// Stops the write with the registry's lock held; returns a staging folder that could not be removed.
    func stopLocked() -> Diagnostic? {
        guard !stopped else { return nil }
        stopped = true
        var problem: Diagnostic?
        do {
            if let warning = try removeStagingLocked() { problem = Diagnostic(path: output.path, message: warning) }
        } catch {
            problem = error.diagnostic(display: output.display)
        }
        lock.release()
        return problem
    }
}
