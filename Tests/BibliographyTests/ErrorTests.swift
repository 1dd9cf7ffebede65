import Foundation
import Testing
@testable import Bibliography
import SourceErrors

/// Every malformed input is one error at `file:line:col` with the source line and a caret;
/// `Tests/Fixtures/bibliography/errors/NAME.txt` holds each full diagnostic.
@Suite struct ErrorTests {
    /// Where each fixture's error is, and what it says.
    static let expected: [String: (line: Int, column: Int, message: String)] = [
        "unknown-type": (8, 2, "unknown entry type '@inproceeding'; did you mean '@inproceedings'?"),
        "duplicate-key": (4, 7, "duplicate key 'bishop2006'; it is first defined at errors/duplicate-key.bib:1:7"),
        "unterminated-brace": (3, 11, "'{' is not closed before the next entry at line 7"),
        "unterminated-quote": (3, 11, "'\"' is not closed before the end of the file"),
        "unclosed-entry": (1, 1, "entry 'a' is not closed: no '}' before the next entry at line 6"),
        "unknown-macro": (3, 13, "unknown @string macro 'jmrl'; did you mean 'jmlr'?"),
        "near-miss-field": (2, 3, "unknown field 'jornal'; did you mean 'journal'?"),
        "missing-field": (1, 10, "entry 'k' (@article) has no 'journal': a reference needs it"),
        "key-with-space": (1, 10, "expected ',' after the key 'my' (a key cannot contain spaces)"),
        "missing-key": (1, 7, "the entry has no key: 'author' is followed by '='; write @misc{key, author = …}"),
        "duplicate-field": (2, 15, "field 'note' appears twice in 'k'; the first is at line 2"),
        "missing-comma": (1, 36, "expected ',' or '}' after the value of 'title'"),
        "missing-value": (1, 57, "expected a value: {…}, \"…\", a number or an @string name"),
        "tab-and-accents": (3, 20, "unknown LaTeX command '\\unknown' in the title"),
        "lone-at": (2, 1, "expected an entry type after '@', as in @article{key, …}"),
    ]

    @Test func everyFixtureFailsWhereExpected() throws {
        let directory = Fixtures.root.appendingPathComponent("errors")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".bib") }.sorted()
        #expect(Set(names.map { String($0.dropLast(4)) }) == Set(Self.expected.keys))
        for name in names {
            let stem = String(name.dropLast(4))
            let text = try Fixtures.text("errors/" + name)
            let error = try #require(failure(text, file: "errors/" + name), "\(name) parsed")
            if let (line, column, message) = Self.expected[stem] {
                #expect(error.location == TextLocation(file: "errors/" + name, line: line, column: column), "\(name)")
                #expect(error.message == message, "\(name)")
            }
            let (expected, actual) = try Fixtures.golden("errors/\(stem).txt", error.description + "\n")
            #expect(actual == expected, "\(name)")
        }
    }

    @Test func duplicateKeysNameBothPlaces() throws {
        let error = try #require(failure(entry("", key: "x") + "\n" + entry("", key: "x")))
        #expect(error.location.line == 8)
        #expect(error.related == TextLocation(file: "refs.bib", line: 1, column: 7))
    }

    @Test func caretsLineUpUnderTabsAndWideCharacters() throws {
        let error = try #require(failure("@misc{k, author = {Ä}, year = 1,\n\ttitle = {Ünïcödé \\bad}}"))
        #expect(error.location == TextLocation(file: "refs.bib", line: 2, column: 23))
        #expect(error.sourceLine == "\ttitle = {Ünïcödé \\bad}}")
        #expect(error.caret == "\t                 ^~~~")
    }

    @Test func longLinesAreCutAroundTheToken() throws {
        let padding = String(repeating: "x", count: 10_000)
        let error = try #require(failure("@misc{k, author = {A}, year = 1, title = {\(padding) \\bad \(padding)}}"))
        #expect(error.sourceLine.hasPrefix("…"))
        #expect(error.sourceLine.hasSuffix("…"))
        #expect(error.sourceLine.count < 200)
        #expect(error.caret.count < 200)
        #expect(error.location.column == 43 + 10_001)
    }

    @Test func suggestionsStayWithinASmallDistance() {
        #expect(Suggestion.closest(to: "inproceeding", in: ["article", "inproceedings", "incollection"]) == "inproceedings")
        #expect(Suggestion.closest(to: "artcile", in: ["article", "book"]) == "article")
        #expect(Suggestion.closest(to: "online", in: ["article", "book", "misc"]) == nil)
        #expect(Suggestion.closest(to: String(repeating: "a", count: 100), in: [String(repeating: "a", count: 99)]) == nil)
        #expect(Suggestion.editDistance(Array("kitten".utf8), Array("sitting".utf8), limit: 5) == 3)
        #expect(Suggestion.editDistance(Array("ab".utf8), Array("ba".utf8), limit: 2) == 1)
    }
}
