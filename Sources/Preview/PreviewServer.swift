import FlyingFox
import Foundation
import Notebook

/// `docgen serve`: builds the book, serves the output on the loopback interface,
/// rebuilds when a chapter or a source file changes, and reloads open pages.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var port: UInt16
    public var log: @Sendable (String) -> Void

    public init(options: BuildOptions, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.port = port
        self.log = log
    }

    /// The addresses `--host` may name: the server never listens beyond this machine.
    public static let allowedHosts: Set<String> = ["127.0.0.1", "localhost"]

    /// Runs until the task is cancelled (Ctrl-C).
    public func run() async throws {
        let status = BuildStatus()
        await rebuild(status)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: port), logger: .disabled,
                                handler: StaticSiteHandler(root: options.outputDirectory, status: status))
        let serving = Task { try await server.run() }
        try await server.waitUntilListening()
        if case .ip4(let host, let boundPort)? = await server.listeningAddress {
            log("serving http://\(host):\(boundPort)/ (Ctrl-C stops)")
        }
        let watcher = SourceWatcher(directories: [options.chaptersDirectory, joinPath(options.packageRoot, "Sources")])
        var last = watcher.stamp()
        while !Task.isCancelled {
            try? await Task.sleep(nanoseconds: 300_000_000)
            let now = watcher.stamp()
            if now != last {
                last = now
                log("change detected, rebuilding")
                await rebuild(status)
            }
        }
        await server.stop(timeout: 1)
        serving.cancel()
    }

    private func rebuild(_ status: BuildStatus) async {
        let start = DispatchTime.now()
        do {
            let summary = try await Builder.build(options)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            log(summary.line(seconds: seconds))
            await status.succeeded()
        } catch {
            let messages = error.diagnostics.map(\.description)
            messages.forEach(log)
            await status.failed(messages)
        }
    }

    private func joinPath(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
