import CommonMark
import Foundation
import Testing
@testable import Notebook

/// The page memo's small records (`MemoBytesWriter`, `MemoBytesReader`): what is written is
/// read back the same, and anything else, cut short or of another kind, reads as nothing.
@Suite struct MemoBytesTests {
    static let place = MemoPlace(SourceLocation(file: "chapters/01-naïve.md", line: 12, column: 3))

    static let facts = PageFacts(
        title: "Loss — “curves”",
        numbered: [
            .init(tag: .math, name: "eq:bce", location: place),
            .init(tag: .label, kind: "fig", name: "curves", location: place),
            .init(tag: .exercise, fence: place),
        ],
        uses: [.init(experiment: "lc-overfitting", location: place)],
        citations: [.init(key: "goodfellow2016", location: place)],
        listings: ["Sources/LossKit/Losses.swift", ""])

    static func described(_ facts: PageFacts) -> String {
        let numbered = facts.numbered.map { "\($0.tag) \($0.kind) \($0.name ?? "-") \(String(describing: $0.location)) \(String(describing: $0.fence))" }
        let uses = facts.uses.map { "\($0.experiment) \($0.location)" }, citations = facts.citations.map { "\($0.key) \($0.location)" }
        return "\(facts.title)|\(numbered)|\(uses)|\(citations)|\(facts.listings)"
    }

    @Test func pageFactsReadBackAsWritten() throws {
        let bytes = Self.facts.encoded()
        let read = try #require(PageFacts(decoding: bytes))
        #expect(Self.described(read) == Self.described(Self.facts))
        #expect(read.encoded() == bytes)
    }

    @Test func aPageHeaderReadsBackAsWritten() throws {
        // A page keeps only warnings (its errors fail the build).
        let warnings = [Diagnostic(path: "chapters/02-x.md", line: 4, message: "typed by hand", detail: "12.5"),
                        Diagnostic(path: "p", column: 9, message: "m")].map { warning in
            var warning = warning
            warning.severity = .warning
            return warning
        }
        let output = PageOutput(document: Array("<html>é</html>".utf8), elementIds: ["b--1", "a-chapter"], search: "[1, \"x\"]",
                                warnings: warnings, derivations: 3,
                                figureFiles: [("figures/a.svg", [1, 2, 3]), ("figures/a.csv", [])])
        let bytes = output.encoded()
        let document = Array("<html>é</html>".utf8)
        let read = try #require(PageOutput(decoding: bytes) { document })
        #expect(read.encoded() == bytes)
        #expect(read.document.id == ContentId(document) && read.document.load() == document)
        #expect(read.elementIds == output.elementIds && read.search == output.search && read.derivations == 3)
        #expect(read.warnings == warnings)
        #expect(read.figures.map(\.path) == ["figures/a.svg", "figures/a.csv"])
        #expect(read.figures.map(\.id) == [ContentId([1, 2, 3]), ContentId([])])
    }

    @Test func recordsCutShortOrOfAnotherKindReadAsNothing() {
        let facts = Self.facts.encoded()
        // Every prefix, and one byte too many: nil, never a trap.
        for count in 0..<facts.count { #expect(PageFacts(decoding: Array(facts.prefix(count))) == nil) }
        #expect(PageFacts(decoding: facts + [0]) == nil)
        let header = PageOutput(document: [], elementIds: [], search: "", warnings: [], derivations: 0, figureFiles: []).encoded()
        for count in 0..<header.count { #expect(PageOutput(decoding: Array(header.prefix(count))) { [] } == nil) }
        // One kind is never read as another.
        #expect(PageFacts(decoding: header) == nil && PageOutput(decoding: facts) { [] } == nil)
        // A count larger than the bytes left is refused before anything is allocated for it.
        var huge = MemoBytesWriter(kind: "facts 2")
        huge.string("title")
        huge.int(Int.max)
        #expect(PageFacts(decoding: huge.bytes) == nil)
    }

    @Test func fileRecordsReadBackAndKeepTheirValueKind() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("memo-bytes-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var info = stat()
        #expect(lstat("/", &info) == 0)
        let state = FileState(info)
        let ids = OutputRecord(states: ["a.html": state, "b.html": state], recordedAt: 42,
                               values: ["a.html": [ContentId([1]), ContentId([2, 3])], "b.html": []])
        ids.store(at: directory + "/outputs.bin")
        let read = try #require(OutputRecord.load(directory + "/outputs.bin"))
        #expect(read.recordedAt == 42 && read.files.count == 2)
        #expect(read.files["a.html"]?.value == [ContentId([1]), ContentId([2, 3])] && read.files["b.html"]?.value == [])
        #expect(read.files["a.html"]?.state == state)
        // A record of chapter digests is not read as one of content ids, nor the other way round.
        FileRecord<String>(states: ["c.md": state], recordedAt: 7, values: ["c.md": "abc"]).store(at: directory + "/sources.bin")
        #expect(FileRecord<String>.load(directory + "/sources.bin")?.files["c.md"]?.value == "abc")
        #expect(OutputRecord.load(directory + "/sources.bin") == nil && FileRecord<String>.load(directory + "/outputs.bin") == nil)
    }
}
