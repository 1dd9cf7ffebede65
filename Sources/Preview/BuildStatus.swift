import Foundation
import Notebook

/// What the open pages poll: a version that moves on every successful build and
/// with every new server process (so pages reload after `serve` restarts
/// itself), the errors of the last build if it failed, and a notice while docgen
/// rebuilds itself. Read from the server's connection threads, hence the lock.
final class BuildStatus: @unchecked Sendable {
    private let lock = NSLock()
    /// Differs between server processes, even across `exec`, which keeps the pid.
    private let instance = String(UInt64.random(in: 0...UInt64.max), radix: 36)
    private var builds = 0
    private var errors: [String] = []
    private var notice: String?

    var version: String { locked { "\(instance)-\(builds)" } }

    /// A new build is in place; `notice` stays in the banner (a stale docgen's warning).
    func succeeded(notice: String? = nil) {
        locked {
            builds += 1
            errors = []
            self.notice = notice
        }
    }

    func failed(_ messages: [String]) {
        locked {
            errors = messages
            notice = nil
        }
    }

    /// What the server is doing now; the errors of an earlier attempt no longer apply.
    func announce(_ text: String) {
        locked {
            notice = text
            errors = []
        }
    }

    /// `{"version":"k3x-3","errors":["…"],"notice":"rebuilding docgen…"}`
    func json() -> String {
        locked {
            let list = errors.map { jsonStringLiteral($0) }.joined(separator: ",")
            let note = notice.map { jsonStringLiteral($0) } ?? "null"
            return "{\"version\":\"\(instance)-\(builds)\",\"errors\":[\(list)],\"notice\":\(note)}"
        }
    }

    private func locked<T>(_ body: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body()
    }
}
