import Foundation
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `docgen serve` as an author uses it: serve, edit, see the new page, Ctrl-C.
@Suite struct ServeTests {
    func fetch(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: url)!)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Polls `condition` every 100 ms for at most `seconds`, and once more after
    /// the deadline: on a loaded 2-core machine other suites can hold the test's
    /// threads for a while, and a late look must not count as a failure.
    func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return try await condition()
    }

    @Test func servesRebuildsOnEditAndStopsOnInterrupt() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Live\n\nFirst version.\n")
        let log = temp.url.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--port", "0"]
        process.currentDirectoryURL = temp.url
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var port = ""
        // Generous: under scripts/sanitize the first build runs beside the whole suite.
        let listening = try await eventually(120) {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else { return false }
            port = String(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
            return true
        }
        try #require(listening, "the server never said where it listens")
        let base = "http://127.0.0.1:\(port)"

        let (code, page) = try await fetch(base + "/")
        #expect(code == 200)
        #expect(page.contains("First version."))
        #expect(page.contains("/__docgen/status"), "served pages carry the reload script")
        let onDisk = try String(contentsOfFile: temp.path + "/output/index.html", encoding: .utf8)
        #expect(!onDisk.contains("<script"), "the script is never written to the output")
        #expect(try await fetch(base + "/../Package.swift").0 == 404)
        #expect(try await fetch(base + "/.docgen-output").0 == 404)
        let before = try await fetch(base + "/__docgen/status").1

        try temp.write("chapters/index.md", "# Live\n\nSecond version.\n")
        let rebuilt = try await eventually(120) {
            try await fetch(base + "/").1.contains("Second version.")
        }
        #expect(rebuilt)
        // The status changes just after the new pages are in place, not with them.
        let statusChanged = try await eventually(120) {
            try await fetch(base + "/__docgen/status").1 != before
        }
        #expect(statusChanged)

        // A broken edit keeps the last good pages and reports the error to the page.
        try temp.write("chapters/index.md", "no title now\n")
        let reported = try await eventually(120) {
            try await fetch(base + "/__docgen/status").1.contains("chapter has no title")
        }
        #expect(reported)
        #expect(try await fetch(base + "/").1.contains("Second version."))

        process.interrupt()
        let stopped = try await eventually(60) { !process.isRunning }
        #expect(stopped)
        #expect(process.terminationStatus == 0)
        #expect(try String(contentsOf: log, encoding: .utf8).contains("stopped"))
    }

    @Test func refusesToListenBeyondThisMachine() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let result = try CommandLineTests().run(["serve", "--host", "0.0.0.0"], in: temp.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("127.0.0.1 only"))
    }
}
