import ArgumentParser
import Foundation
import Notebook

extension Docgen {
    /// `docgen list`: every experiment, where it is used, and its cache state.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the experiments, the chapters that use them and whether their results are cached.")

        @OptionGroup var book: BookOptions

        func run() async throws {
            let (rows, sources) = try await ExperimentCatalog.list(book.buildOptions(output: "output"))
            print(sources.summary)
            if let warning = sources.warning { standardError(warning) }
            if rows.isEmpty {
                print("no experiments are registered")
                return
            }
            let idWidth = max(10, rows.map(\.id.count).max() ?? 0)
            print("experiment".padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  cache    last run  used in")
            for row in rows {
                let run = row.lastRunSeconds.map { String(format: "%7.3f s", $0) } ?? "        -"
                let used = row.chapters.isEmpty ? "(unused)" : row.chapters.joined(separator: ", ")
                print(row.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                      + (row.cached ? "cached " : "missing") + "  " + run + "  " + used)
            }
        }
    }
}
