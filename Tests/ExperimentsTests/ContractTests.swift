import ExperimentKit
import SVGPlot
import Testing

/// The experiment contract itself: parameters collected from their declarations,
/// and results compared with the declared outputs.
@Suite struct ContractTests {
    struct Shared: ParameterGroup {
        @Param("data seed") var seed = 3
        @Param("centres", shown: { "±\($0 / 2)" }) var separation = 2.0
    }

    struct Sample: Experiment {
        var id: String { "sample" }
        var version: Int { 1 }
        var sourceFile: String { #filePath }
        @Param("count") var count = 100
        var data = Shared()
        var train = 40
        var test = 10
        let shownSplit = DerivedParameter<Self>("train / test") { "\($0.train) / \($0.test)" }
        var unshown = 7
        @Param("range") var range = -8.0...8.0
        @Param("rates") var rates = [0.3, 0.1]
        @Param("seed") var seed: UInt64 = 26
        @Param("optimiser") var optimiser = "Adam"
        @Param("shuffled") var shuffled = true

        var outputs: Outputs { Outputs(values: [.init("a", .fixed(3))], tables: ["t"], figures: ["f"]) }
        func run() throws -> ExperimentResult { ExperimentResult() }
    }

    @Test func parametersAreCollectedInDeclarationOrderWithTheirShownText() {
        var sample = Sample()
        sample.train = 400
        sample.data.seed = 5
        let shown = sample.parameters.map { "\($0.name) = \($0.value)" }
        #expect(shown == [
            "count = 100", "data seed = 5", "centres = ±1.0", "train / test = 400 / 10", "range = [-8.0, 8.0]",
            "rates = [0.3, 0.1]", "seed = 26", "optimiser = Adam", "shuffled = true",
        ])
    }

    @Test func resultsAreComparedWithTheDeclaration() {
        let sample = Sample()
        let figure = Figure(description: "d", panel: Panel(layers: [.line(Series("s", y: [1, 2]))]))
        let exact = ExperimentResult(values: ["a": 1], tables: ["t": ResultTable(columns: [], rows: [])], figures: ["f": figure])
        #expect(sample.outputs.mismatches(in: exact).isEmpty)
        let wrong = ExperimentResult(values: ["b": 1], figures: ["f": figure])
        #expect(sample.outputs.mismatches(in: wrong) == [
            "declares value 'a' but did not return it", "returned value 'b', which its outputs do not declare",
            "declares table 't' but did not return it",
        ])
    }

    @Test func duplicateDeclarationsAreNamedOnce() {
        let outputs = Outputs(values: [.init("a", .integer), .init("a", .fixed(1)), .init("a", .integer)], figures: ["f", "f"])
        #expect(outputs.duplicates == ["value 'a'", "figure 'f'"])
    }

    @Test func valueFormatsReadBackWhatTheyPrint() {
        for format in [ValueFormat.fixed(3), .scientific(0), .percent(12), .integer] {
            #expect(ValueFormat(format.description) == format)
        }
    }
}
