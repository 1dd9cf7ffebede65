import Foundation
import Testing
@testable import Notebook

/// `chapters/book.yml` (issue 25): every key read, every mistake an error at its place.
@Suite struct BookSettingsTests {
    private func parse(_ text: String) throws(Diagnostics) -> BookSettings {
        try BookSettings(parsing: text, path: "chapters/book.yml")
    }

    private func errors(_ text: String) -> [String] {
        do {
            _ = try parse(text)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test func readsEveryKey() throws {
        let settings = try parse("""
            # comment
            title: Loss Functions, Checked
            subtitle: "Derivations: checked"
            authors: [Ada Lovelace, Alan Turing]
            language: de-CH
            description: >-
              Two lines
              folded.
            repository: https://example.org/me/book/
            search: true
            """)
        #expect(settings == BookSettings(
            title: "Loss Functions, Checked", subtitle: "Derivations: checked", authors: ["Ada Lovelace", "Alan Turing"],
            language: "de-CH", description: "Two lines folded.", repository: "https://example.org/me/book", search: true))
    }

    @Test func emptyFileAndOneAuthorAreFine() throws {
        #expect(try parse("") == BookSettings())
        #expect(try parse("# only a comment\n") == BookSettings())
        #expect(try parse("authors: Ada Lovelace\n").authors == ["Ada Lovelace"])
        #expect(try parse("search: false\n").search == false)
    }

    @Test func unknownKeyIsAnErrorAtItsLineWithASuggestion() {
        #expect(errors("title: A\n  \nserch: true\n") == [
            "chapters/book.yml:3:1: error: unknown key 'serch' in book.yml (did you mean 'search'?); "
                + "the keys are title, subtitle, authors, language, description, repository, search",
        ])
        #expect(errors("colour: red\n").first?.contains("(did you mean") == false)
    }

    @Test func wrongValuesAreErrorsAtTheValue() {
        #expect(errors("title: [A, B]\n") == ["chapters/book.yml:1:8: error: 'title' is a line of text, not a list"])
        #expect(errors("search: yes please\n") == ["chapters/book.yml:1:9: error: 'search' is true or false"])
        #expect(errors("search: 1\n") == ["chapters/book.yml:1:9: error: 'search' is true or false"])
        #expect(errors("title:\n") == ["chapters/book.yml:1:1: error: 'title' needs a value after the ':'"])
        #expect(errors("language: english\n") == [
            "chapters/book.yml:1:11: error: 'english' is not a language tag such as 'en', 'fr' or 'pt-BR'",
        ])
        #expect(errors("repository: javascript:alert(1)\n").first?.hasPrefix("chapters/book.yml:1:13: error: 'repository' is the book's https://") == true)
        #expect(errors("authors: [Ada, [x]]\n") == ["chapters/book.yml:1:16: error: each of 'authors' is a name"])
    }

    @Test func columnsCountBytesAsElsewhere() {
        // libyaml counts characters; docgen's columns are UTF-8 bytes, as in chapters.
        #expect(errors("title: \"é\"\nsubtitle: é\nsëarch: x\n").first?.hasPrefix("chapters/book.yml:3:1:") == true)
        #expect(errors("{title: é, sëarch: true}\n").first?.hasPrefix("chapters/book.yml:1:13:") == true)
    }

    @Test func notAMappingAndBadYAML() {
        #expect(errors("- title\n") == [
            "chapters/book.yml:1:1: error: book.yml holds 'key: value' lines "
                + "(title, subtitle, authors, language, description, repository, search), not a list",
        ])
        #expect(errors("title: \"open\nsearch: true\n").first?.contains("not valid YAML") == true)
        #expect(errors("title: a\ntitle: b\n").first?.contains("twice") == true)
    }

    @Test func languageTags() {
        for good in ["en", "de-CH", "zh-Hant-TW", "sgn"] { #expect(BookSettings.isLanguageTag(good), "\(good)") }
        for bad in ["e", "english", "en-", "en_GB", "\"en\"", "de-CH-toolongsubtag"] { #expect(!BookSettings.isLanguageTag(bad), "\(bad)") }
    }
}
