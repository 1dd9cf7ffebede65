import ExperimentKit
import Foundation

/// An exclusive `flock` on the lock file beside an output directory
/// (`.site.docgen-lock` next to `site/`), held while a build writes there.
///
/// Two builds into one output (say `docgen serve` rebuilding while `make
/// site` runs) take turns: the second waits for the lock a few seconds, then
/// gives up with "another docgen is writing site". The lock file exists only
/// while a build writes: the holder removes it before unlocking, and whoever
/// gets the lock checks that the file it locked is still the one at the path
/// (else a third build could lock a new file while it holds the removed one).
/// A build killed with SIGKILL leaves the file behind, unlocked; the next
/// build takes it and removes it.
final class OutputLock: @unchecked Sendable {
    /// The real path of the lock file.
    let path: String
    private var descriptor: Int32

    private init(path: String, descriptor: Int32) {
        self.path = path
        self.descriptor = descriptor
    }

    /// How long a build waits for another to finish writing the same output.
    static let defaultWait: Double = 5

    /// The lock file's name beside an output named `name`: `.NAME.docgen-lock`,
    /// or, when that would pass the 255-byte limit of a file name, one made from a hash of the name.
    static func fileName(forOutputNamed name: String) -> String {
        let readable = ".\(name).docgen-lock"
        return readable.utf8.count <= 255 ? readable : ".docgen-lock-\(shortHash(name))"
    }

    /// Why the lock was not taken.
    enum Failure: Error {
        /// Another process (pid, if it wrote one) held it for the whole wait.
        case busy(holder: Int32?)
        case fileSystem(FileSystemError)
    }

    /// Takes the lock at `path`, waiting up to `wait` seconds for another holder to let go.
    static func acquire(_ path: String, wait: Double = defaultWait) async throws(Failure) -> OutputLock {
        let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(wait * 1e9)
        while true {
            let descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                throw .fileSystem(FileSystemError(path: path, action: "create the lock file", errno: errno))
            }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                // The file may have been removed (and another created) between open and flock.
                var held = stat(), current = stat()
                if fstat(descriptor, &held) == 0, stat(path, &current) == 0,
                   held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                    let pid = Array("\(getpid())\n".utf8)
                    _ = ftruncate(descriptor, 0)
                    _ = pid.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
                    return OutputLock(path: path, descriptor: descriptor)
                }
                close(descriptor)
                continue
            }
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(descriptor)
                throw .fileSystem(FileSystemError(path: path, action: "lock the file", errno: code))
            }
            let holder = readHolder(descriptor)
            close(descriptor)
            // A cancelled task (serve stopping) gives up at once instead of spinning until the deadline.
            if DispatchTime.now().uptimeNanoseconds >= deadline || Task.isCancelled { throw .busy(holder: holder) }
            try? await Task.sleep(nanoseconds: 50_000_000)
        }
    }

    /// Removes the lock file, then unlocks it. Call once.
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)
        close(descriptor)
        descriptor = -1
    }

    /// The pid the holder wrote into the lock file, if any.
    private static func readHolder(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 16)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[..<count], as: UTF8.self).trimmingWhitespace())
    }
}

/// 16 hex digits of FNV-1a over `text`: short, stable names derived from long ones.
func shortHash(_ text: String) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
        hash ^= UInt64(byte)
        hash = hash &* 0x0000_0100_0000_01b3
    }
    let digits = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - digits.count) + digits
}
