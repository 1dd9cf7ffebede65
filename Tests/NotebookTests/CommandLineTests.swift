import Foundation
import Testing
@testable import Notebook

/// The `docgen` executable as a user runs it: exit codes and messages.
@Suite struct CommandLineTests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The docgen binary next to the test bundle in the build directory.
    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while directory.path != "/" && !FileManager.default.fileExists(atPath: directory.appendingPathComponent("docgen").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("docgen")
    }

    func run(_ arguments: [String], in directory: String) throws -> Run {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func defaultCommandBuildsChaptersIntoOutput() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Tiny\n\nHello.\n")
        let result = try run([], in: temp.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("[1/9] check output directory"))
        #expect(result.stderr.contains("built 1 page in "))
        #expect(result.stderr.contains("→ output/index.html"))
        #expect(FileManager.default.fileExists(atPath: temp.path + "/output/index.html"))
    }

    @Test func badInputExitsOneWithLocation() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "no title\n")
        let result = try run(["build"], in: temp.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("chapters/index.md:1:1: error: chapter has no title"))
        #expect(result.stderr.hasSuffix("build failed: 1 error; output left as it was\n"))
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/output"))
    }

    /// A misspelt output stops `check` at `plan`: nothing runs, even with the cache off.
    @Test func undeclaredOutputStopsCheckBeforeAnyExperimentRuns() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Tiny\n\nThe crossing is at {{nc-one-point.crosing | fixed:3}}.\n")
        try temp.write("chapters/01-curves.md", "# Curves\n\n```figure\nexperiment: nc-sweep\nplot: curve\ncaption: c\n```\n")
        let result = try run(["check", "--no-cache"], in: temp.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains(
            "chapters/index.md:3:20: error: experiment 'nc-one-point' has no value 'crosing' (did you mean 'crossing'?)"))
        #expect(result.stderr.contains(
            "chapters/01-curves.md:5:1: error: experiment 'nc-sweep' has no plot 'curve' (did you mean 'curves'?)"))
        #expect(!result.stderr.contains(" ran in "), "no experiment may run: \(result.stderr)")
        #expect(!result.stderr.contains("run experiments"))
    }

    @Test func missingChaptersDirectoryIsNamed() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let result = try run(["build", "--chapters", "nowhere"], in: temp.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nowhere: error: chapters directory not found"))
    }

    @Test func usageErrorsExitTwoAndHelpExitsZero() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let unknown = try run(["build", "--frobnicate"], in: temp.path)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("frobnicate"))
        let help = try run(["--help"], in: temp.path)
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
        let buildHelp = try run(["build", "--help"], in: temp.path)
        #expect(buildHelp.status == 0 && buildHelp.stdout.contains("--chapters"))
    }
}
