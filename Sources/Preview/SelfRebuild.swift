import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `serve` follows an edit under `Sources/`: the code of the running docgen
/// changed, so it runs `swift build --product docgen` (the running binary's
/// name) in the configuration and build folder it was itself built in, and on
/// success executes the new binary with the same arguments and port (issue 17).
/// Chapter edits never come here.
struct SelfRebuild: Sendable {
    /// The running binary, symlinks resolved: `<scratch>/<triple>/<configuration>/docgen`.
    var executable: String
    var configuration: String
    var scratchPath: String
    var packageRoot: String

    /// Nil when docgen does not run from a SwiftPM build folder, so it cannot rebuild itself.
    static func locate(packageRoot: String) -> SelfRebuild? {
        guard let path = runningExecutable() else { return nil }
        let url = URL(fileURLWithPath: path).resolvingSymlinksInPath()
        let configurationURL = url.deletingLastPathComponent()
        let configuration = configurationURL.lastPathComponent
        let scratch = configurationURL.deletingLastPathComponent().deletingLastPathComponent()
        guard ["debug", "release"].contains(configuration),
              FileManager.default.fileExists(atPath: scratch.appendingPathComponent(configuration).path),
              FileManager.default.fileExists(atPath: packageRoot + "/Package.swift") else { return nil }
        return SelfRebuild(executable: url.path, configuration: configuration, scratchPath: scratch.path,
                           packageRoot: packageRoot)
    }

    private static func runningExecutable() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath
    }

    /// The product the running binary was built as: SwiftPM names an executable
    /// after its product. `docgen` here; another book's docgen cannot use that
    /// name, which this package's product already has in its package graph.
    var product: String { URL(fileURLWithPath: executable).lastPathComponent }

    /// The command, for the log.
    var command: [String] {
        ["swift", "build", "--package-path", packageRoot, "--scratch-path", scratchPath,
         "--configuration", configuration, "--product", product]
    }

    /// Runs the build; nil on success, else the compiler's errors (`file:line:col: error: …`,
    /// paths relative to the package), or the end of its output when it printed none.
    /// Cancelling the task (Ctrl-C) stops the build.
    func build() async -> [String]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return ["cannot run swift build: \(error.localizedDescription)"]
        }
        let running = RunningProcess(process)
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                DispatchQueue.global().async {
                    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    running.process.waitUntilExit()
                    continuation.resume(returning: running.process.terminationStatus == 0
                        ? nil : Self.errors(in: output, packageRoot: packageRoot))
                }
            }
        } onCancel: {
            running.process.terminate()
        }
    }

    /// A child process shared between the waiting thread and the cancellation handler;
    /// `Process` is thread-safe for `terminate` and `waitUntilExit`.
    private final class RunningProcess: @unchecked Sendable {
        let process: Process
        init(_ process: Process) { self.process = process }
    }

    /// The running binary's identity (device, inode, size, modification time):
    /// a build that did not change it needs no restart.
    var executableStamp: [Int] {
        var info = stat()
        guard stat(executable, &info) == 0 else { return [] }
        #if os(Linux)
        let modified = info.st_mtim
        #else
        let modified = info.st_mtimespec
        #endif
        return [Int(info.st_dev), Int(info.st_ino), Int(info.st_size), Int(modified.tv_sec), Int(modified.tv_nsec)]
    }

    /// The distinct `error:` lines of a failed build, at most 20.
    static func errors(in output: String, packageRoot: String) -> [String] {
        let root = URL(fileURLWithPath: packageRoot).standardizedFileURL.path + "/"
        var seen: Set<String> = []
        var errors: [String] = []
        for line in output.split(separator: "\n") where line.contains(": error: ") {
            var text = String(line)
            if text.hasPrefix(root) { text.removeFirst(root.count) }
            if seen.insert(text).inserted { errors.append(text) }
        }
        if errors.isEmpty { return output.split(separator: "\n").suffix(15).map(String.init) }
        return Array(errors.prefix(20))
    }

    /// The arguments of the restarted server: the same, but on the port this one got
    /// (`--port 0` picked one, and open pages must find the new server there).
    static func restartArguments(_ arguments: [String], port: UInt16) -> [String] {
        var result: [String] = []
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--port" {
                index += 2
                continue
            }
            if !argument.hasPrefix("--port=") { result.append(argument) }
            index += 1
        }
        return result + ["--port", String(port)]
    }

    /// Replaces this process with the new docgen; returns only if that failed. Every
    /// descriptor but the standard three is closed on exec first: Foundation and the
    /// server open some without close-on-exec, and each restart would leak them.
    func restart(arguments: [String]) -> String {
        Self.closeOnExec(from: 3)
        let argv = ([executable] + arguments.dropFirst()).map { strdup($0) } + [nil]
        execv(executable, argv)
        return "cannot start the rebuilt docgen at \(executable): \(String(cString: strerror(errno)))"
    }

    /// Marks every open descriptor from `first` on close-on-exec.
    static func closeOnExec(from first: Int32) {
        #if os(Linux)
        if let names = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") {
            for name in names {
                if let fd = Int32(name), fd >= first { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            }
            return
        }
        #endif
        for fd in first..<Int32(min(getdtablesize(), 65536)) { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }
}
