import ArgumentParser
import Foundation
import Notebook
import Preview

extension Docgen {
    /// `docgen serve`: live preview for authors on this machine only.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build, serve the site on 127.0.0.1, rebuild on every edit and reload the open page.")

        @OptionGroup var book: BookOptions

        @Option(help: "Directory the site replaces (absent, empty, or made by docgen).")
        var output = "output"

        @Option(help: "Port to listen on (0 picks a free one).")
        var port: UInt16 = 8000

        @Option(help: "Address to listen on; only 127.0.0.1 or localhost are accepted.")
        var host = "127.0.0.1"

        func validate() throws {
            guard PreviewServer.allowedHosts.contains(host) else {
                throw ValidationError("refusing to serve on '\(host)': the preview listens on 127.0.0.1 only")
            }
        }

        func run() async throws {
            let options = book.buildOptions(output: output)
            let server = PreviewServer(options: options, port: port, log: standardError)
            let task = Task { try await server.run() }
            // Ctrl-C, kill and a closed terminal stop the server cleanly instead of killing
            // the process mid-write, and also while it rebuilds itself.
            let stop = {
                OutputWrites.interrupt()  // a rebuild writing now leaves no staging folder behind
                task.cancel()
            }
            let sources = [SIGINT, SIGTERM, SIGHUP].map { number in
                signal(number, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
                source.setEventHandler(handler: stop)
                source.resume()
                return source
            }
            defer { sources.forEach { $0.cancel() } }
            do {
                try await task.value
            } catch let error as PreviewServer.StartError {
                standardError("error: \(error.description)")
                Foundation.exit(1)
            }
            standardError("stopped")
        }
    }
}
