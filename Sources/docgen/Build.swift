import ArgumentParser
import Foundation
import Notebook

extension Docgen {
    /// `docgen build`: the whole book into the output directory.
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site from the chapters (the default command).")

        @Option(help: "Directory with index.md and the numbered chapters.")
        var chapters = "chapters"

        @Option(help: "Directory the site replaces (absent, empty, or made by docgen).")
        var output = "output"

        func run() throws {
            let start = DispatchTime.now()
            let options = BuildOptions(chaptersDirectory: chapters, outputDirectory: output, packageRoot: ".")
            let summary = try Builder.build(options, progress: standardError)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
            standardError(summary.line(seconds: seconds))
        }
    }
}
