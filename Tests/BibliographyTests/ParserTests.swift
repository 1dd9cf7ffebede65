import Testing
@testable import Bibliography
import SourceErrors

/// The BibTeX subset: entry types, values in every form, macros, comments.
@Suite struct ParserTests {
    @Test func everyEntryTypeIsRead() throws {
        let venues: [EntryType: String] = [
            .article: "journal = {J}", .book: "publisher = {P}", .inproceedings: "booktitle = {B}",
            .incollection: "booktitle = {B}", .misc: "note = {N}", .techreport: "institution = {I}",
            .phdthesis: "school = {S}",
        ]
        for (type, venue) in venues {
            let bibliography = try bib(entry("  \(venue),", type: type.rawValue.uppercased()))
            #expect(bibliography["k"]?.type == type)
        }
    }

    @Test func bracedValuesKeepNestedBraces() throws {
        #expect(try field("title", "{The {ADADELTA} {M{e}thod}}") == "The ADADELTA Method")
        #expect(try field("title", "{{{{deep}}}}") == "deep")
    }

    @Test func quotedValuesMayHoldBracesAndQuotesInBraces() throws {
        #expect(try field("title", "\"A {\"}quoted{\"} word\"") == "A \"quoted\" word")
        #expect(try field("title", "\"{Deep} Learning\"") == "Deep Learning")
    }

    @Test func bareNumbersAndConcatenation() throws {
        let bibliography = try bib("""
            @string{pre = "Proceedings of the "}
            @string{ICML = pre # {International Conference on Machine Learning}}
            @inproceedings{k, author = {A}, title = "T", year = 2017,
              booktitle = icml # " (ICML)", volume = 70, month = aug}
            """)
        let entry = try #require(bibliography["k"])
        #expect(entry.year == "2017")
        #expect(entry[field: "volume"] == "70")
        #expect(entry[field: "booktitle"] == "Proceedings of the International Conference on Machine Learning (ICML)")
        #expect(entry[field: "month"] == "August")
    }

    @Test func everyMonthMacro() throws {
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let names = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        for (macro, name) in zip(months, names) { #expect(try field("month", macro.uppercased()) == name) }
    }

    @Test func laterStringDefinitionsWin() throws {
        let bibliography = try bib("@string{j = {One}}\n@string(j = {Two})\n" + entry("  note = j,"))
        #expect(bibliography["k"]?[field: "note"] == "Two")
    }

    @Test func commentsPreamblesAndStrayTextAreSkipped() throws {
        let bibliography = try bib("""
            % A line comment holding @article{fake,
            Stray text between entries is ignored, as BibTeX ignores it.
            @comment{ an old entry: @article{old, title = {x}} }
            @comment(parenthesised (nested) comment)
            @preamble{ "\\newcommand{\\noop}[1]{}" }
            @COMMENT some words to the end of the line
            @misc(paren, author = {A}, title = {T}, year = 1999, % a trailing comment
            )
            """)
        #expect(bibliography.entries.map(\.key) == ["paren"])
    }

    @Test func typesAndFieldNamesIgnoreCaseButKeysDoNot() throws {
        let bibliography = try bib("""
            @MISC{Key, AUTHOR = {A}, Title = {T}, YEAR = 2000}
            @misc{key, author = {B}, title = {T}, year = 2000,}
            """)
        #expect(bibliography["Key"]?.authors.people.first?.last == "A")
        #expect(bibliography["key"]?.authors.people.first?.last == "B")
        #expect(bibliography["KEY"] == nil)
    }

    @Test func unknownFieldsAreSkipped() throws {
        let bibliography = try bib(entry("  abstract = {Some \\unknowncommand{text}}, isbn = {978-0}, annote = {x}, keywords = {a, b},"))
        #expect(bibliography["k"]?.fields.keys.sorted() == ["title", "year"])
    }

    @Test func keysMayHoldPunctuation() throws {
        let bibliography = try bib(entry("", key: "Guo:2017/calibration-v2.icml+x"))
        #expect(bibliography["Guo:2017/calibration-v2.icml+x"] != nil)
    }

    @Test func aByteOrderMarkAndCRLFLineEndsAreFine() throws {
        let bibliography = try bib("\u{FEFF}@misc{k,\r\n  author = {A},\r\n  title = {Two\r\n lines},\r\n  year = 2000\r\n}\r\n")
        #expect(bibliography["k"]?.title == "Two lines")
    }

    @Test func entriesKeepTheirLocations() throws {
        let bibliography = try bib("\n\n  @misc{k, author = {A}, title = {T}, year = 1}")
        let entry = try #require(bibliography["k"])
        #expect(entry.location == TextLocation(file: "refs.bib", line: 3, column: 3))
        #expect(entry.keyLocation == TextLocation(file: "refs.bib", line: 3, column: 9))
    }

    @Test func verbatimFieldsKeepTypography() throws {
        let bibliography = try bib(entry("""
              url = {https://example.org/~user/a--b_c\\_d?x=1&y=2#frag},
              doi = {10.1007/978-3-319-24574-4\\_28},
              eprint = {1706.04599}, archivePrefix = {arXiv},
            """))
        let entry = try #require(bibliography["k"])
        #expect(entry[field: "url"] == "https://example.org/~user/a--b_c_d?x=1&y=2#frag")
        #expect(entry[field: "doi"] == "10.1007/978-3-319-24574-4_28")
        #expect(entry[field: "eprint"] == "1706.04599")
    }
}
