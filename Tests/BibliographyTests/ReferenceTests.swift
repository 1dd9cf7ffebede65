import Testing
import XMLTree
@testable import Bibliography

/// Reference-list entries: the parts, the punctuation, the one link.
@Suite struct ReferenceTests {
    func html(_ text: String, key: String = "k", style: ReferenceStyle = ReferenceStyle()) throws -> String {
        let bibliography = try bib(text)
        let entry = try #require(bibliography[key])
        return bibliography.reference(entry, style: style).map { $0.serialized() }.joined()
    }

    @Test func theLinkIsTheDOIThenArXivThenTheURL() throws {
        let all = entry("  doi = {10.1/x}, eprint = {1706.04599}, archivePrefix = {arXiv}, url = {https://example.org},")
        #expect(try bib(all)["k"]?.link == URLLink(kind: .doi, href: "https://doi.org/10.1/x", text: "https://doi.org/10.1/x"))
        let arXiv = entry("  eprint = {1706.04599}, archiveprefix = {ArXiv}, url = {https://example.org},")
        #expect(try bib(arXiv)["k"]?.link == URLLink(kind: .arXiv, href: "https://arxiv.org/abs/1706.04599", text: "arXiv:1706.04599"))
        // An e-print of another archive is not an arXiv link.
        let other = entry("  eprint = {hal-0001}, archivePrefix = {HAL}, url = {https://example.org/a b},")
        #expect(failure(other)?.message == "a url cannot contain spaces")
        let url = entry("  eprint = {hal-0001}, archivePrefix = {HAL}, url = {https://example.org/a},")
        #expect(try bib(url)["k"]?.link == URLLink(kind: .url, href: "https://example.org/a", text: "https://example.org/a"))
        #expect(try bib(entry(""))["k"]?.link == nil)
    }

    @Test func linksAreEncodedAndEscaped() throws {
        let weird = entry("  doi = {10.1002/(SICI)1097-4571<3::AID>#x},")
        let link = try #require(try bib(weird)["k"]?.link)
        #expect(link.href == "https://doi.org/10.1002/(SICI)1097-4571%3C3::AID%3E%23x")
        #expect(try html(weird).contains("<a href=\"https://doi.org/10.1002/(SICI)1097-4571%3C3::AID%3E%23x\">https://doi.org/10.1002/(SICI)1097-4571&lt;3::AID&gt;#x</a>"))
    }

    @Test func badIdentifiersAreErrors() throws {
        #expect(failure(entry("  doi = {https://doi.org/10.1/x},"))?.message.hasPrefix("write the DOI alone") == true)
        #expect(failure(entry("  doi = {doi:10.1/x},"))?.message.hasPrefix("write the DOI alone") == true)
        #expect(failure(entry("  doi = {11.1/x},"))?.message.hasPrefix("'11.1/x' is not a DOI") == true)
        #expect(failure(entry("  url = {javascript:alert(1)},"))?.message == "a url must start with https:// or http://")
        #expect(failure(entry("  eprint = {1706.459}, archivePrefix = {arXiv},"))?.message.hasPrefix("'1706.459' is not an arXiv identifier") == true)
        #expect(failure(entry("  archivePrefix = {arXiv}, eprint = {abs/1706.04599},"))?.location.line == 5)
        for good in ["1706.04599", "1212.5701", "1706.04599v2", "hep-th/9901001", "math.GT/0309136"] {
            #expect(EntryBuilder.isArXivIdentifier(good), "\(good)")
        }
        for bad in ["1706.04599v", "170.04599", "1706.045999", "hep-th/990100", "arXiv:1706.04599", ""] {
            #expect(!EntryBuilder.isArXivIdentifier(bad), "\(bad)")
        }
    }

    @Test func articleVenue() throws {
        let text = """
            @article{k, author = {King, Gary and Zeng, Langche}, title = {Logistic Regression in Rare Events Data},
              journal = {Political Analysis}, volume = 9, number = 2, pages = {137--163}, year = 2001,
              doi = {10.1093/oxfordjournals.pan.a004868}}
            """
        #expect(try html(text) == """
            <span class="authors">King, Gary, and Langche Zeng</span>. <span class="year">2001</span>. \
            <span class="title">Logistic Regression in Rare Events Data</span>. \
            <span class="venue"><i>Political Analysis</i> 9(2): 137–163</span>. \
            <a href="https://doi.org/10.1093/oxfordjournals.pan.a004868">https://doi.org/10.1093/oxfordjournals.pan.a004868</a>
            """)
    }

    @Test func titlesEndingInPunctuationGetNoSecondPeriod() throws {
        let text = entry("  title = {Does It Work?},")
        #expect(try html(text) == "<span class=\"authors\">Author, A.</span> <span class=\"year\">2000</span>. <span class=\"title\">Does It Work?</span>")
    }

    @Test func longAuthorListsAreCut() throws {
        let names = (1...12).map { "Last\($0), F." }.joined(separator: " and ")
        let text = entry("  author = {\(names)},")
        let bibliography = try bib(text)
        let entry = try #require(bibliography["k"])
        let formatter = ReferenceFormatter(style: ReferenceStyle())
        #expect(formatter.names(entry.authors) == "Last1, F., F. Last2, F. Last3, F. Last4, F. Last5, F. Last6, F. Last7, et al.")
        let short = ReferenceFormatter(style: ReferenceStyle(maximumNames: 3, namesBeforeEtAl: 1))
        #expect(short.names(entry.authors) == "Last1, F., et al.")
        let three = NameList([Person(first: "A", last: "X"), Person(first: "B", last: "Y"), Person(first: "C", last: "Z")])
        #expect(formatter.names(three) == "X, A, B Y, and C Z")
        #expect(formatter.names(NameList([Person(last: "X")], endsWithOthers: true)) == "X, et al.")
    }

    @Test func yearsCarryTheirLetters() throws {
        let text = """
            @misc{a, author = {Guo, C.}, title = {A}, year = 2017}
            @misc{b, author = {Guo, C.}, title = {B}, year = 2017}
            """
        #expect(try html(text, key: "b").contains("<span class=\"year\">2017b</span>"))
    }
}
