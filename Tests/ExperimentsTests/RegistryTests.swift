import ExperimentKit
import Foundation
import Testing
@testable import Experiments

/// Every experiment of the book: a unique id, a source file in the package,
/// results that depend on nothing but its parameters, and exactly the outputs it declares.
@Suite struct RegistryTests {
    static let ids = Registry.book.ids

    @Test func idsAreStableNames() {
        for id in Self.ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(id) should be lower-case words with hyphens")
        }
    }

    @Test(arguments: ids)
    func sourceFileIsInTheExperimentsModule(_ id: String) throws {
        let experiment = try #require(Registry.book[id])
        #expect(experiment.sourceFile.contains("/Sources/Experiments/"))
        #expect(FileManager.default.fileExists(atPath: experiment.sourceFile))
    }

    @Test(arguments: ids)
    func runsAreDeterministicAndFinite(_ id: String) async throws {
        let experiment = try #require(Registry.book[id])
        let first = try await resultOffPool(experiment)
        let second = try await resultOffPool(experiment)
        // Compared as JSON, so NaN gaps in figures count as equal to themselves.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        #expect(try encoder.encode(first) == encoder.encode(second), "\(id) gave different results on two runs")
        #expect(experiment.outputs.mismatches(in: first) == [], "\(id) does not return what it declares")
        for (key, value) in first.values {
            #expect(value.isFinite, "\(id).\(key) = \(value)")
        }
        for figure in first.figures.values {
            #expect(throws: Never.self) { try figure.validate() }
        }
    }
}
