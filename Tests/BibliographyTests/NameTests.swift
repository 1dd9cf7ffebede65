import Testing
@testable import Bibliography
import SourceErrors

/// Author and editor fields split the way BibTeX splits them.
@Suite struct NameTests {
    func names(_ value: String) throws -> NameList {
        try #require(try bib(entry("  author = {\(value)},"))["k"]).authors
    }

    func person(_ value: String) throws -> Person {
        try #require(try names(value).people.first)
    }

    @Test func firstLast() throws {
        #expect(try person("Matthew D. Zeiler") == Person(first: "Matthew D.", last: "Zeiler"))
        #expect(try person("Zeiler") == Person(last: "Zeiler"))
    }

    @Test func lastCommaFirst() throws {
        #expect(try person("Zeiler, Matthew D.") == Person(first: "Matthew D.", last: "Zeiler"))
        #expect(try person("Van Gogh, Vincent") == Person(first: "Vincent", last: "Van Gogh"))
    }

    @Test func vonParts() throws {
        #expect(try person("Laurens van der Maaten") == Person(first: "Laurens", von: "van der", last: "Maaten"))
        #expect(try person("van der Maaten, Laurens") == Person(first: "Laurens", von: "van der", last: "Maaten"))
        #expect(try person("Jean de La Fontaine") == Person(first: "Jean", von: "de", last: "La Fontaine"))
        #expect(try person("de la Fontaine") == Person(von: "de la", last: "Fontaine"))
        #expect(try person("Ludwig van Beethoven").citationName == "van Beethoven")
    }

    @Test func jrParts() throws {
        let king = try person("King, Jr., Martin Luther")
        #expect(king == Person(first: "Martin Luther", last: "King", jr: "Jr."))
        #expect(king.invertedName == "King, Martin Luther, Jr.")
        #expect(king.fullName == "Martin Luther King, Jr.")
        #expect(try person("von Neumann, Jr., John") == Person(first: "John", von: "von", last: "Neumann", jr: "Jr."))
    }

    @Test func bracesProtectMultiWordNames() throws {
        #expect(try person("{Google Brain Team}") == Person(last: "Google Brain Team"))
        #expect(try names("{Barnes and Noble} and Smith, J.").people.map(\.last) == ["Barnes and Noble", "Smith"])
        #expect(try person("{van Gogh}, Vincent") == Person(first: "Vincent", last: "van Gogh"))
    }

    @Test func accentedNamesAndTheirCase() throws {
        #expect(try person("Andreas K{\\\"o}pf") == Person(first: "Andreas", last: "Köpf"))
        #expect(try person("{\\'E}mile Zola") == Person(first: "Émile", last: "Zola"))
        #expect(try person("Ren{\\'e} {\\'e}ta Cartes").von == "éta")
        #expect(try person("Paul Erd\\H{o}s") == Person(first: "Paul", last: "Erdős"))
        #expect(try person("Wu, Tzu\\-Yu").first == "TzuYu")
    }

    @Test func severalNamesAndOthers() throws {
        let list = try names("Guo, Chuan and Geoff Pleiss AND Yu Sun and others")
        #expect(list.people.map(\.last) == ["Guo", "Pleiss", "Sun"])
        #expect(list.endsWithOthers)
        #expect(try names("Ian Goodfellow and Yoshua Bengio").endsWithOthers == false)
        // "and" inside a word or inside braces does not split.
        #expect(try names("Sandy Anderson and Band {and} Co").people.map(\.last) == ["Anderson", "Co"])
    }

    @Test func malformedNamesAreErrors() throws {
        let empty = try #require(failure("@misc{k, title = {T}, year = 1,\n  author = {A and and B}}"))
        #expect(empty.message == "a name is missing next to this 'and' in the author field")
        #expect(empty.location == TextLocation(file: "refs.bib", line: 2, column: 19))
        let commas = try #require(failure("@misc{k, title = {T}, year = 1,\n  author = {A, B, C, D}}"))
        #expect(commas.message.hasPrefix("too many commas in a name"))
        #expect(commas.location.column == 20)
        let others = try #require(failure("@misc{k, title = {T}, year = 1, author = {others and B}}"))
        #expect(others.message.hasPrefix("'others' stands for the names not listed"))
        let blank = try #require(failure("@misc{k, title = {T}, year = 1, author = { }}"))
        #expect(blank.message == "the author field is empty")
        let empty2 = try #require(failure("@misc{k, title = {T}, year = 1,\n  author = {}}"))
        #expect(empty2.location == TextLocation(file: "refs.bib", line: 2, column: 13))
        let dangling = try #require(failure("@misc{k, title = {T}, year = 1, author = {Smith,}}"))
        #expect(dangling.message == "nothing after this comma in a name of the author field")
    }

    @Test func editorsLeadWhenThereAreNoAuthors() throws {
        let bibliography = try bib("@book{k, editor = {Navab, Nassir and Hornegger, Joachim}, title = {T}, year = 2015, publisher = {Springer}}")
        #expect(bibliography["k"]?.leadingNames.people.map(\.last) == ["Navab", "Hornegger"])
        #expect(bibliography.citation("k") == "Navab and Hornegger, 2015")
    }
}
