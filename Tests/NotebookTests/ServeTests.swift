import Foundation
import Testing
@testable import Preview
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
        let (process, port, log) = try await startServe(in: temp)
        defer { if process.isRunning { process.terminate() } }
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

    /// Starts `docgen serve --port 0` in `temp` and returns the process and its base URL.
    func startServe(in temp: TempDirectory, _ extra: [String] = []) async throws -> (Process, String, URL) {
        let log = temp.url.appendingPathComponent("serve.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = CommandLineTests.executable
        process.arguments = ["serve", "--port", "0"] + extra
        process.currentDirectoryURL = temp.url
        process.standardError = try FileHandle(forWritingTo: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port = ""
        let listening = try await eventually(120) {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            guard let range = text.range(of: #"http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else { return false }
            port = String(text[range].dropFirst("http://127.0.0.1:".count).dropLast())
            return true
        }
        if !listening { process.terminate() }
        try #require(listening, "the server never said where it listens")
        return (process, port, log)
    }

    /// Sends raw bytes and returns the status line of the answer ("" if none).
    func rawRequest(port: String, _ bytes: [UInt8]) -> String {
        let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(handle) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(handle, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port)!.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return "" }
        // The server may answer and close before all is sent: stop sending then.
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(handle, $0.baseAddress, min($0.count, 65536), Int32(MSG_NOSIGNAL)) }
            if sent <= 0 { break }
            offset += sent
        }
        var answer = [UInt8](repeating: 0, count: 256)
        let count = answer.withUnsafeMutableBytes { recv(handle, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return "" }
        return String(decoding: answer[..<count], as: UTF8.self).components(separatedBy: "\r\n")[0]
    }

    /// Issue 18: long request lines, foreign Host headers and other methods are refused
    /// at once, and the server still answers and stops on Ctrl-C afterwards.
    @Test func refusesHostileRequestsAndStaysResponsive() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Live\n\nHello.\n")
        let (process, port, _) = try await startServe(in: temp)
        defer { if process.isRunning { process.terminate() } }

        let hugePath = "GET /" + String(repeating: "a", count: 1 << 20) + " HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n"
        async let first = rawRequest(port: port, Array(hugePath.utf8))
        async let second = rawRequest(port: port, Array(hugePath.utf8))
        #expect(await first == "HTTP/1.1 414 URI Too Long")
        #expect(await second == "HTTP/1.1 414 URI Too Long")
        let hugeHeader = "GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Fill: " + String(repeating: "b", count: 100_000) + "\r\n\r\n"
        #expect(rawRequest(port: port, Array(hugeHeader.utf8)) == "HTTP/1.1 431 Request Header Fields Too Large")
        #expect(rawRequest(port: port, Array("GET / HTTP/1.1\r\nHost: evil.example\r\n\r\n".utf8))
                == "HTTP/1.1 421 Misdirected Request")
        #expect(rawRequest(port: port, Array("GET / HTTP/1.1\r\nHost: evil.example:\(port)\r\n\r\n".utf8))
                == "HTTP/1.1 421 Misdirected Request")
        #expect(rawRequest(port: port, Array("GET / HTTP/1.1\r\n\r\n".utf8)) == "HTTP/1.1 421 Misdirected Request")
        #expect(rawRequest(port: port, Array("POST / HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n".utf8))
                == "HTTP/1.1 405 Method Not Allowed")
        #expect(rawRequest(port: port, Array("GET / HTTP/1.1\r\nHost: localhost:\(port)\r\n\r\n".utf8)) == "HTTP/1.1 200 OK")
        #expect(try await fetch("http://127.0.0.1:\(port)/").0 == 200)

        // Slow clients that never finish their request hold no one up, and Ctrl-C still stops it.
        let slow = (0..<40).map { _ in openSlowClient(port: port) }
        defer { slow.forEach { close($0) } }
        #expect(try await fetch("http://127.0.0.1:\(port)/").0 == 200)
        process.interrupt()
        #expect(try await eventually(60) { !process.isRunning })
        #expect(process.terminationStatus == 0)
    }

    /// A connection that sends half a request line and then nothing.
    func openSlowClient(port: String) -> Int32 {
        let handle = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port)!.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(handle, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        _ = "GET /ind".withCString { send(handle, $0, 8, Int32(MSG_NOSIGNAL)) }
        return handle
    }

    @Test func aBusyPortIsAnErrorThatSaysSo() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Live\n\nHello.\n")
        let (process, port, _) = try await startServe(in: temp)
        defer { if process.isRunning { process.terminate() } }
        let second = try CommandLineTests().run(["serve", "--port", port, "--output", "other"], in: temp.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("port \(port) is in use; try --port 0"), "\(second.stderr)")
        process.interrupt()
        _ = try await eventually(60) { !process.isRunning }
    }

    /// A refused output stops serve before it listens: it never serves `/`.
    @Test func aRefusedOutputStopsServeBeforeItListens() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Live\n\nHello.\n")
        let result = try CommandLineTests().run(["serve", "--port", "0", "--output", "/"], in: temp.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing"), "\(result.stderr)")
        #expect(!result.stderr.contains("serving"))
    }

    @Test func theRestartedServerKeepsThePortAndTheOtherArguments() {
        #expect(SelfRebuild.restartArguments(["docgen", "serve", "--port", "0", "--chapters", "book"], port: 8123)
                == ["docgen", "serve", "--chapters", "book", "--port", "8123"])
        #expect(SelfRebuild.restartArguments(["docgen", "serve", "--port=0"], port: 9000) == ["docgen", "serve", "--port", "9000"])
        #expect(SelfRebuild.restartArguments(["docgen", "serve"], port: 8000) == ["docgen", "serve", "--port", "8000"])
    }

    /// Another book's docgen is a product of another name (SwiftPM would build this
    /// package's `docgen` instead): serve rebuilds the product it is running.
    @Test func serveRebuildsTheProductItRuns() {
        let ours = SelfRebuild(executable: "/book/.build/x86_64-unknown-linux-gnu/debug/docgen", configuration: "debug",
                               scratchPath: "/book/.build", packageRoot: "/book")
        #expect(ours.command.suffix(2) == ["--product", "docgen"])
        let theirs = SelfRebuild(executable: "/other/.build/arm64-apple-macosx/release/thesis-docgen",
                                 configuration: "release", scratchPath: "/other/.build", packageRoot: "/other")
        #expect(theirs.command == ["swift", "build", "--package-path", "/other", "--scratch-path", "/other/.build",
                                   "--configuration", "release", "--product", "thesis-docgen"])
    }

    @Test func compileErrorsAreShownWithTheirPlace() {
        let output = """
            [3/10] Compiling Experiments Foo.swift
            /pkg/Sources/Experiments/Foo.swift:12:5: error: cannot find 'x' in scope
            /pkg/Sources/Experiments/Foo.swift:12:5: error: cannot find 'x' in scope
            error: fatalError
            """
        #expect(SelfRebuild.errors(in: output, packageRoot: "/pkg")
                == ["Sources/Experiments/Foo.swift:12:5: error: cannot find 'x' in scope"])
    }

    @Test func refusesToListenBeyondThisMachine() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let result = try CommandLineTests().run(["serve", "--host", "0.0.0.0"], in: temp.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("127.0.0.1 only"))
    }
}
