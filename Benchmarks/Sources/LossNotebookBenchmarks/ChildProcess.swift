import Foundation

/// What the child process of one timed run used, as `wait4` reports it.
final class ChildUsage {
    /// User + system CPU time of the child.
    var cpuMilliseconds = 0.0
    /// The child's peak resident set size.
    var peakResidentMB = 0.0
}

/// Runs a program to completion with `posix_spawn` and `wait4`, so the
/// resource use is that of this one child. Standard output and error go to
/// `log`; a failure prints the log and stops the benchmarks.
enum ChildProcess {
    static func run(_ program: String, _ arguments: [String], log: String, usage: ChildUsage) {
        #if os(Linux)
        var actions = posix_spawn_file_actions_t()
        #else
        var actions: posix_spawn_file_actions_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, program, &actions, nil, argv, environ)
        guard spawned == 0 else { fail("cannot start \(program): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var resources = rusage()
        while wait4(pid, &status, 0, &resources) < 0 {
            guard errno == EINTR else { fail("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1e3 + Double(t.tv_usec) / 1e3 }
        usage.cpuMilliseconds = ms(resources.ru_utime) + ms(resources.ru_stime)
        #if os(Linux)
        usage.peakResidentMB = Double(resources.ru_maxrss) / 1024  // kilobytes on Linux
        #else
        usage.peakResidentMB = Double(resources.ru_maxrss) / (1024 * 1024)  // bytes on macOS
        #endif
        // Exited normally with status 0: the low 7 bits are the signal, the next 8 the status.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let output = (try? readText(log)) ?? ""
            fail("\(program) \(arguments.joined(separator: " ")) failed (wait status \(status)):\n\(output)")
        }
    }

    static func readText(_ path: String) throws -> String {
        guard let file = fopen(path, "r") else { return "" }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count <= 0 { break }
            bytes += buffer[..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("lossnotebook-benchmarks: \(message)\n".utf8))
        exit(1)
    }
}
