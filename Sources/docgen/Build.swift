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

func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}
