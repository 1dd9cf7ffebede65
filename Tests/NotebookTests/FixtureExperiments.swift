import ExperimentKit
import Foundation
import SVGPlot

/// Small experiments the fixture books use; real chapters register theirs in `Registry.book`.
enum FixtureExperiments {
    /// Their code is this test target, which no plugin digests: the key names it by a fixed
    /// label, and with no module directories there is nothing for `SourceState` to compare.
    static let registry = Registry(
        [Squares(), Failing(), NotANumber()],
        code: CompiledCode(moduleDirectories: [], files: [], otherPackagesDigest: "NotebookTests fixtures"))

    /// y = x² on a grid, its sum, and a table of a few rows.
    struct Squares: Experiment {
        var id: String { "squares" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        var count = 5
        var parameters: [Parameter] { [Parameter("count", .int(count)), Parameter("seed", .int(7))] }

        func run() throws -> ExperimentResult {
            let xs = (0..<count).map(Double.init)
            let ys = xs.map { $0 * $0 }
            let figure = Figure(
                name: "squares", title: "Squares", description: "y = x² for x = 0…\(count - 1)",
                panel: Panel(x: Axis("x"), y: Axis("x²"), layers: [.line(Series("x²", x: xs, y: ys))]))
            let table = ResultTable(
                columns: [ResultTable.Column("x", format: "int"), ResultTable.Column("x²", format: "fixed:1"),
                          ResultTable.Column("share", format: "percent:1")],
                rows: xs.map { [.text("row \(Int($0))"), .number($0 * $0), .number($0 * $0 / ys.reduce(0, +))] })
            return ExperimentResult(
                values: ["sum": ys.reduce(0, +), "tiny": 0.000123, "ratio": 25.0 / 26.0],
                tables: ["rows": table], figures: ["curve": figure])
        }
    }

    struct Failing: Experiment {
        struct Broken: Error, CustomStringConvertible {
            var description: String { "the data set is empty" }
        }
        var id: String { "failing" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        var parameters: [Parameter] { [] }
        func run() throws -> ExperimentResult { throw Broken() }
    }

    struct NotANumber: Experiment {
        var id: String { "nan" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        var parameters: [Parameter] { [] }
        func run() throws -> ExperimentResult {
            ExperimentResult(values: ["loss": .nan], tables: [
                "bad": ResultTable(columns: [ResultTable.Column("v")], rows: [[.number(.infinity)]]),
            ])
        }
    }

    /// Counts its runs in a file, so tests can tell a cache hit from a run.
    struct Counted: Experiment {
        var id: String { "counted" }
        var version: Int { 1 }
        /// A file outside the package stands in for the experiment's source.
        var source: String
        var counter: String
        var sourceFile: String { source }
        var parameters: [Parameter] { [Parameter("scale", .double(0.5))] }

        func run() throws -> ExperimentResult {
            let previous = (try? String(contentsOfFile: counter, encoding: .utf8)).flatMap { Int($0) } ?? 0
            try String(previous + 1).write(toFile: counter, atomically: true, encoding: .utf8)
            return ExperimentResult(values: ["half": 0.5])
        }
    }
}
