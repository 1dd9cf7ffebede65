import Foundation
import Testing
import Bibliography

/// Replays `Fuzz/Corpus/FuzzBibTeX/` and `Fuzz/Crashes/FuzzBibTeX/` through the same entry
/// point as the libFuzzer harness (`Fuzz/Sources/FuzzBibTeX`): every input must come back
/// with a bibliography or a clean error. Kept here rather than in NotebookTests so the
/// Bibliography module is tested on its own.
@Suite struct FuzzCorpusReplayTests {
    @Test func bibTeXCorpus() throws {
        let fuzz = Fixtures.packageRoot.appendingPathComponent("Fuzz")
        var count = 0
        for folder in ["Corpus", "Crashes"] {
            let directory = fuzz.appendingPathComponent(folder).appendingPathComponent("FuzzBibTeX")
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { continue }
            for name in names.sorted() where !name.hasPrefix(".") {
                let data = try Data(contentsOf: directory.appendingPathComponent(name))
                let text = String(decoding: data, as: UTF8.self)
                if let bibliography = try? Bibliography(parsing: text, file: "fuzz.bib") {
                    // Labels and references are formatted for every entry, as the harness does.
                    for entry in bibliography.referenceList {
                        _ = bibliography.citation(entry.key, locator: "§1")
                        _ = bibliography.reference(entry).map { $0.serialized() }
                    }
                }
                count += 1
            }
        }
        #expect(count >= 10)
    }
}
