import Foundation
import Testing
@testable import Notebook

/// Builds as processes that meet each other or a signal mid-write (issue 18).
///
/// `DOCGEN_TEST_STOP_WHILE_WRITING` makes docgen stop itself (SIGSTOP) once
/// it holds the output's lock and its staging folder has the marker: the
/// moment a second build or a Ctrl-C meets it, without any timing.
@Suite struct OutputLockTests {
    /// A book in `temp/chapters` built once into `temp/site`; then its preface is edited.
    func makeBuiltBook(_ temp: TempDirectory) async throws -> [String: Data] {
        try temp.write("chapters/index.md", "# Book\n\nVersion one.\n")
        try temp.write("chapters/01-one.md", "# One\n\nText.\n")
        #expect(await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path).isEmpty)
        try temp.write("chapters/index.md", "# Book\n\nVersion two.\n")
        return snapshot(temp.path + "/site")
    }

    /// Starts `docgen build` in `temp` and returns once it has stopped itself mid-write.
    func startStoppedBuild(_ temp: TempDirectory, standardError: Pipe? = nil) async throws -> Process {
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["build", "--no-cache", "--chapters", "chapters", "--output", "site"]
        process.currentDirectoryURL = temp.url
        process.environment = ProcessInfo.processInfo.environment.merging(["DOCGEN_TEST_STOP_WHILE_WRITING": "1"]) { $1 }
        process.standardError = standardError ?? FileHandle.nullDevice
        try process.run()
        // Polled, not timed: the deadline only ends a test whose build never got there.
        let deadline = Date().addingTimeInterval(300)
        while !isStopped(process.processIdentifier) {
            try #require(process.isRunning && Date() < deadline, "the build never stopped in its staging folder")
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let staging = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter { $0.hasPrefix(".docgen-staging-") }
        #expect(staging.count == 1, "the stopped build has its staging folder: \(staging)")
        return process
    }

    /// Whether the process is stopped (state T in /proc/PID/stat).
    func isStopped(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("T")
    }

    /// The site in `directory` is whole: a marker with docgen's text listing exactly the files there.
    func expectWholeSite(_ directory: String, sourceLocation: SourceLocation = #_sourceLocation) {
        var files = snapshot(directory)
        let marker = files.removeValue(forKey: OutputDirectory.markerName).flatMap { OutputMarker.parse(Array($0)) }
        #expect(marker?.files == Set(files.keys), "the site's marker does not list its files", sourceLocation: sourceLocation)
        #expect(files.keys.contains("index.html") && files.keys.contains("one.html"), sourceLocation: sourceLocation)
    }

    @Test func aSecondBuildIntoTheSameOutputWaitsThenFails() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        _ = try await makeBuiltBook(temp)
        let first = try await startStoppedBuild(temp)
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }

        // In process, as `serve` would: refused, and the first build's files untouched.
        let before = snapshot(temp.path)
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.first?.message.hasPrefix("another docgen is writing \(temp.path)/site (process \(first.processIdentifier))") == true,
                "\(diagnostics)")
        #expect(snapshot(temp.path) == before)
        // As a process, as `make site` would.
        let second = try CommandLineTests().run(["build", "--no-cache", "--chapters", "chapters", "--output", "site"], in: temp.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("site: error: another docgen is writing site"), "\(second.stderr)")

        kill(first.processIdentifier, SIGCONT)
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        expectWholeSite(temp.path + "/site")
        #expect(try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8).contains("Version two."))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["chapters", "site"])
        // And the next build finds a site it owns.
        #expect(await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path).isEmpty)
    }

    /// A file copied into the output while a build writes it (a CNAME, while
    /// `serve` rebuilds) is not deleted with the old site: the build removes
    /// only what the old marker lists, leaves the rest, and says where it is.
    @Test func filesAddedDuringAWriteAreNotDeleted() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        _ = try await makeBuiltBook(temp)
        let errors = Pipe()
        let process = try await startStoppedBuild(temp, standardError: errors)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // After the build inspected the output, before it swaps the new site in.
        try temp.write("site/CNAME", "book.example.org\n")
        try temp.write("site/assets/extra/logo.txt", "logo\n")
        kill(process.processIdentifier, SIGCONT)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(stderr)")
        expectWholeSite(temp.path + "/site")
        #expect(try String(contentsOfFile: temp.path + "/site/index.html", encoding: .utf8).contains("Version two."))
        // The added files, where the old site was moved, and nothing of the old site beside them.
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["chapters", "site", "site.kept"])
        #expect(snapshot(temp.path + "/site.kept") == [
            "CNAME": Data("book.example.org\n".utf8), "assets/extra/logo.txt": Data("logo\n".utf8)])
        #expect(stderr.contains("warning: files docgen did not write were added to site while the site was being written; "
            + "they were not deleted, and are in site.kept: CNAME, assets/extra/logo.txt"), "\(stderr)")
    }

    /// Ctrl-C (or `kill`) mid-write: the process dies of the signal, and leaves
    /// the old site or the new one, whole, with no staging folder or lock file.
    @Test(arguments: [SIGINT, SIGTERM])
    func anInterruptedBuildLeavesNoStagingFolder(_ signal: Int32) async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let old = try await makeBuiltBook(temp)
        let process = try await startStoppedBuild(temp)
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        kill(process.processIdentifier, signal)
        kill(process.processIdentifier, SIGCONT)
        process.waitUntilExit()
        // The signal waits for the write step in progress; if the writer got the
        // last steps in first, the build finished (and the new site is in place).
        let killed = process.terminationReason == .uncaughtSignal && process.terminationStatus == signal
        let finished = process.terminationReason == .exit && process.terminationStatus == 0
        #expect(killed || finished, "\(process.terminationReason) \(process.terminationStatus)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["chapters", "site"])
        let now = snapshot(temp.path + "/site")
        if finished { #expect(now != old, "a finished build swapped its site in") }
        if now != old { expectWholeSite(temp.path + "/site") }
    }

    /// A read-only output cannot lose its old files, so the build says so
    /// before writing instead of leaving them in a staging folder for ever;
    /// a read-only parent is named in words. Run as `nobody` when the tests run as root.
    @Test func readOnlyOutputsAndParentsAreErrorsInWords() async throws {
        let temp = try TempDirectory()
        defer {
            chmod(temp.path + "/site", 0o755)
            temp.remove()
        }
        chmod(temp.path, 0o777)
        try temp.write("chapters/index.md", "# Book\n\nVersion one.\n")
        let first = try runUnprivileged(["build", "--no-cache", "--chapters", "chapters", "--output", "site"], in: temp.path)
        #expect(first.status == 0, "\(first.stderr)")
        try temp.write("chapters/index.md", "# Book\n\nVersion two.\n")
        chmod(temp.path + "/site", 0o555)
        let before = snapshot(temp.path)
        let second = try runUnprivileged(["build", "--no-cache", "--chapters", "chapters", "--output", "site"], in: temp.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("site: error: cannot replace the site: the old files in this directory cannot be removed (permission denied)"),
                "\(second.stderr)")
        #expect(snapshot(temp.path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted() == ["chapters", "site"])

        try FileManager.default.createDirectory(atPath: temp.path + "/locked", withIntermediateDirectories: false)
        chmod(temp.path + "/locked", 0o555)
        let third = try runUnprivileged(["build", "--no-cache", "--chapters", "chapters", "--output", "locked/site"], in: temp.path)
        #expect(third.status == 1)
        #expect(third.stderr.contains("locked/.site.docgen-lock: error: could not create the lock file: permission denied"), "\(third.stderr)")
        #expect(!third.stderr.contains("Domain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path + "/locked").isEmpty)
    }

    /// Runs docgen as the user running the tests, or as `nobody` if that is root (whom permissions do not stop).
    func runUnprivileged(_ arguments: [String], in directory: String) throws -> CommandLineTests.Run {
        guard getuid() == 0 else { return try CommandLineTests().run(arguments, in: directory) }
        let setpriv = "/usr/bin/setpriv"
        try #require(FileManager.default.isExecutableFile(atPath: setpriv), "running as root, the test needs setpriv (util-linux)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: setpriv)
        process.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", CommandLineTests.executable.path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandLineTests.Run(status: process.terminationStatus, stdout: "", stderr: String(decoding: stderr, as: UTF8.self))
    }
}
