import Foundation
import Notebook
import SourceDigest

/// `docgen serve`: builds the book, serves the output on the loopback interface,
/// rebuilds when a chapter changes and reloads open pages; when `Sources/`
/// changes it rebuilds docgen itself and restarts as the new binary.
public struct PreviewServer: Sendable {
    public var options: BuildOptions
    public var port: UInt16
    public var log: @Sendable (String) -> Void

    public init(options: BuildOptions, port: UInt16, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        // Rebuilds read the unchanged pages from memory (issue 24).
        if self.options.memoMemory == nil { self.options.memoMemory = MemoMemory() }
        self.port = port
        self.log = log
    }

    /// Why serve could not start listening.
    public struct StartError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The addresses `--host` may name: the server never listens beyond this machine.
    public static let allowedHosts: Set<String> = ["127.0.0.1", "localhost"]

    /// Runs until the task is cancelled (Ctrl-C). Throws before listening when the
    /// output directory is refused (`Diagnostics`) or the port is taken (`StartError`).
    public func run() async throws {
        // Never serve a folder docgen would refuse to write.
        _ = try Builder.checkOutputDirectory(options)
        let status = BuildStatus()
        let site = StaticSiteHandler(root: options.outputDirectory, status: status)
        let server: LoopbackServer
        do {
            server = try LoopbackServer(port: port, handler: site.respond)
        } catch {
            throw StartError(description: error.description)
        }
        await rebuild(status)
        server.start()
        log("serving http://127.0.0.1:\(server.port)/ (Ctrl-C stops)")

        let chapters = SourceWatcher(directories: [options.chaptersDirectory])
        let sources = SourceWatcher(directories: [joinPath(options.packageRoot, "Sources")],
                                    extensions: SourceTree.sourceExtensions)
        let selfRebuild = SelfRebuild.locate(packageRoot: options.packageRoot)
        var lastChapters = chapters.stamp()
        var lastSources = sources.stamp()
        // Started stale (Sources/ changed while docgen was being built): rebuild at once.
        var sourcesChanged = if case .stale = SourceState.of(options.registry.code, packageRoot: options.packageRoot) {
            true
        } else {
            false
        }
        while !Task.isCancelled {
            if sourcesChanged {
                sourcesChanged = false
                guard let selfRebuild else {
                    status.announce("Sources/ changed, but this docgen was not built by SwiftPM in this package, "
                                    + "so it cannot rebuild itself: rebuild it and start serve again")
                    continue
                }
                log("Sources/ changed: rebuilding docgen (\(selfRebuild.command.joined(separator: " ")))")
                status.announce("rebuilding docgen…")
                let binaryBefore = selfRebuild.executableStamp
                let sourcesBefore = sources.stamp()
                let errors = await selfRebuild.build()
                if Task.isCancelled { break }  // Ctrl-C during the build: stop, do not restart
                if sources.stamp() != sourcesBefore {
                    // Edited while compiling: what was compiled may not be what was digested,
                    // so build again before running any of it.
                    lastSources = sources.stamp()
                    sourcesChanged = true
                    continue
                }
                if let errors {
                    errors.forEach(log)
                    status.failed(["docgen did not compile; the pages are from the last good build:"] + errors)
                    continue
                }
                if selfRebuild.executableStamp == binaryBefore {
                    // Nothing docgen is built from changed (a file SwiftPM does not compile).
                    log("docgen is unchanged; no restart")
                    await rebuild(status)
                    continue
                }
                log("docgen rebuilt; restarting on port \(server.port)")
                server.stop()
                let problem = selfRebuild.restart(
                    arguments: SelfRebuild.restartArguments(CommandLine.arguments, port: server.port))
                throw StartError(description: problem)
            }
            try? await Task.sleep(nanoseconds: 300_000_000)
            let nowSources = sources.stamp()
            if nowSources != lastSources {
                lastSources = nowSources
                sourcesChanged = true
                continue
            }
            let nowChapters = chapters.stamp()
            if nowChapters != lastChapters {
                lastChapters = nowChapters
                log("change detected, rebuilding")
                await rebuild(status)
            }
        }
        server.stop()
    }

    private func rebuild(_ status: BuildStatus) async {
        let start = DispatchTime.now()
        do {
            var warnings: [String] = []
            let summary = try await Builder.build(options) { line in
                if line.hasPrefix("warning:") { warnings.append(line) }
            }
            warnings.forEach(log)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            log(summary.line(seconds: seconds))
            // A stale docgen's warning stays in the banner: its numbers and listings may disagree.
            status.succeeded(notice: warnings.isEmpty ? nil : warnings.joined(separator: "\n"))
        } catch {
            let messages = error.diagnostics.map(\.description)
            messages.forEach(log)
            status.failed(messages)
        }
    }
}
