import ExperimentKit
import Experiments
import Foundation
import SVGPlot
import Testing
@_spi(Benchmarks) @testable import Notebook

@Suite struct BinaryCoderTests {
    /// Grids, contours and curves with gaps: what the cache mostly holds.
    static let experiments = ["nc-surfaces", "ps-small-input", "lk-toy-vectors", "bc-twenty-six"]

    private func roundTrip(_ result: ExperimentResult) throws -> (ExperimentResult, [UInt8]) {
        let bytes = try BinaryEncoder().encode(result)
        return (try BinaryDecoder().decode(ExperimentResult.self, from: bytes), bytes)
    }

    @Test(arguments: experiments)
    func bookResultsReadBackUnchanged(_ id: String) throws {
        let result = try #require(Registry.book[id]).run()
        let (decoded, bytes) = try roundTrip(result)
        // NaN never equals itself, so compare what both values encode to, and the figures' files.
        #expect(try BinaryEncoder().encode(decoded) == bytes)
        for (name, figure) in result.figures {
            let copy = try #require(decoded.figures[name])
            #expect(try copy.svgDocument() == figure.svgDocument())
            #expect(copy.csv() == figure.csv())
        }
        #expect(decoded.tables == result.tables)
    }

    @Test func fixtureResultIsEqualAndEncodingIsStable() throws {
        let result = try FixtureExperiments.Squares().run()
        let (decoded, bytes) = try roundTrip(result)
        #expect(decoded == result)
        // Keys are sorted, so dictionaries give the same bytes every time.
        #expect(try BinaryEncoder().encode(result) == bytes)
    }

    @Test func specialNumbersKeepTheirBits() throws {
        let values: [Double] = [.nan, -.nan, .infinity, -.infinity, -0.0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1]
        let result = ExperimentResult(values: ["one": .nan, "two": -0.0], figures: [
            "f": Figure(name: "f", title: "t", description: "d",
                        panel: Panel(x: Axis("x", limits: 0...1), y: Axis(), layers: [
                            .line(Series("s", x: values, y: values.reversed())),
                            .annotation(Annotation("here", x: 0.5, y: 0.5, arrowTo: (x: 1, y: 2))),
                            .annotation(Annotation("there", x: 0.1, y: 0.2)),
                        ])),
        ])
        let (decoded, _) = try roundTrip(result)
        guard case .line(let series) = try #require(decoded.figures["f"]).panels[0].layers[0] else {
            Issue.record("the first layer is not a line")
            return
        }
        #expect(series.x.map(\.bitPattern) == values.map(\.bitPattern))
        #expect(decoded.values["two"]?.bitPattern == (-0.0).bitPattern && decoded.values["one"]!.isNaN)
        #expect(decoded.figures["f"]!.panels[0].layers.dropFirst() == result.figures["f"]!.panels[0].layers.dropFirst())
    }

    @Test func damagedBytesThrowInsteadOfCrashing() throws {
        let bytes = try BinaryEncoder().encode(try FixtureExperiments.Squares().run())
        for length in stride(from: 0, to: bytes.count, by: 7) {
            #expect(throws: (any Error).self) { try BinaryDecoder().decode(ExperimentResult.self, from: Array(bytes[..<length])) }
        }
        var extra = bytes
        extra.append(0)
        #expect(throws: (any Error).self) { try BinaryDecoder().decode(ExperimentResult.self, from: extra) }
        // A keyed value claiming 2³² − 1 fields in 9 bytes is an error, not a huge allocation.
        #expect(throws: (any Error).self) {
            try BinaryDecoder().decode(ExperimentResult.self, from: [0x09, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0])
        }
        // A number where a string was written is a type error, not a reinterpretation.
        #expect(throws: (any Error).self) { try BinaryDecoder().decode([Double].self, from: BinaryEncoder().encode(["a"])) }
    }
}
