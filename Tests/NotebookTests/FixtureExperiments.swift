import ExperimentKit
import Foundation
import SVGPlot

/// Small experiments the fixture books use; real chapters register theirs in `Registry.book`.
enum FixtureExperiments {
    /// Their code is this test target, which no plugin digests: the key names it by a fixed
    /// label, and with no module directories there is nothing for `SourceState` to compare.
    static let registry = Registry(
        [Squares(), Failing(), NotANumber(), Undeclared()],
        code: CompiledCode(moduleDirectories: [], files: [], otherPackagesDigest: "NotebookTests fixtures"))

    /// y = x² on a grid, its sum, and a table of a few rows.
    struct Squares: Experiment {
        var id: String { "squares" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        @Param("count") var count = 5
        @Param("seed") var seed = 7

        var outputs: Outputs {
            Outputs(values: [.init("sum", .integer), .init("tiny", .scientific(2)), .init("ratio", .percent(2))],
                    tables: ["rows"], figures: ["curve"])
        }

        func run() throws -> ExperimentResult {
            let xs = (0..<count).map(Double.init)
            let ys = xs.map { $0 * $0 }
            let figure = Figure(
                description: "y = x² for x = 0…\(count - 1)",
                panel: Panel(x: Axis("x"), y: Axis("x²"), layers: [.line(Series("x²", x: xs, y: ys))]))
            let table = ResultTable(
                columns: [ResultTable.Column("x", format: .integer), ResultTable.Column("x²", format: .fixed(1)),
                          ResultTable.Column("share", format: .percent(1))],
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
        var outputs: Outputs { Outputs(values: [.init("sum", .integer)]) }
        func run() throws -> ExperimentResult { throw Broken() }
    }

    struct NotANumber: Experiment {
        var id: String { "nan" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        var outputs: Outputs { Outputs(values: [.init("loss", .fixed(2))], tables: ["bad"]) }
        func run() throws -> ExperimentResult {
            ExperimentResult(values: ["loss": .nan], tables: [
                "bad": ResultTable(columns: [ResultTable.Column("v")], rows: [[.number(.infinity)]]),
            ])
        }
    }

    /// Returns what it was told to, whatever it declares: for the check of results against declarations.
    struct Undeclared: Experiment {
        var id: String { "undeclared" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        var outputs: Outputs { Outputs(values: [.init("sum", .integer), .init("mean", .fixed(2))]) }
        func run() throws -> ExperimentResult { ExperimentResult(values: ["sum": 1, "extra": 2]) }
    }

    /// Counts its runs in a file, so tests can tell a cache hit from a run.
    struct Counted: Experiment {
        var id: String { "counted" }
        var version: Int { 1 }
        /// A file outside the package stands in for the experiment's source.
        var source: String
        var counter: String
        var sourceFile: String { source }
        @Param("scale") var scale = 0.5

        var outputs: Outputs { Outputs(values: [.init("half", .fixed(1))]) }

        func run() throws -> ExperimentResult {
            let previous = (try? String(contentsOfFile: counter, encoding: .utf8)).flatMap { Int($0) } ?? 0
            try String(previous + 1).write(toFile: counter, atomically: true, encoding: .utf8)
            return ExperimentResult(values: ["half": 0.5])
        }
    }
}
