import ArgumentParser
import Foundation
import Notebook

extension Docgen {
    /// `docgen build`: the whole book into the output directory.
    struct Build: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site from the chapters (the default command).")

        @OptionGroup var book: BookOptions

        @Option(help: "Directory the site replaces (absent, empty, or made by docgen).")
        var output = "output"

        func run() async throws {
            let start = DispatchTime.now()
            let signals = cleanUpOnSignals()
            defer { stopCleaningUp(signals) }
            let summary = try await Builder.build(book.buildOptions(output: output), progress: standardError)
            standardError(summary.line(seconds: seconds(since: start)))
        }
    }

    /// `docgen check`: everything a build does except writing the site.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the experiments and check chapters, derivations and references; write no pages.")

        @OptionGroup var book: BookOptions

        func run() async throws {
            let start = DispatchTime.now()
            let summary = try await Builder.check(book.buildOptions(output: "output"), progress: standardError)
            standardError("checked \(summary.pages) pages, \(summary.figures) figures in \(String(format: "%.2f", seconds(since: start))) s: no problems")
        }
    }
}

/// Ctrl-C, `kill` or a closed terminal during a build: remove the staging
/// folder and the lock file of a write in progress (after waiting for the
/// step it is doing), then die of the signal as usual, so the shell and
/// `make` see an interrupted command.
func cleanUpOnSignals() -> [DispatchSourceSignal] {
    let queue = DispatchQueue(label: "docgen.signals")
    return [SIGINT, SIGTERM, SIGHUP].map { number in
        signal(number, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
        source.setEventHandler {
            for problem in OutputWrites.interrupt() { standardError(problem.description) }
            signal(number, SIG_DFL)
            kill(getpid(), number)
        }
        source.resume()
        return source
    }
}

/// Back to the default handling of those signals.
func stopCleaningUp(_ sources: [DispatchSourceSignal]) {
    for source in sources {
        source.cancel()
        signal(Int32(source.handle), SIG_DFL)
    }
}

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
