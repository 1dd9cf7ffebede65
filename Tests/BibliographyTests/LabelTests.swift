import Testing
@testable import Bibliography

/// In-text author–year labels, locators and the letters that keep labels apart.
@Suite struct LabelTests {
    @Test func oneTwoAndThreeOrMoreAuthors() throws {
        let bibliography = try bib("""
            @misc{zeiler, author = {Matthew D. Zeiler}, title = {ADADELTA}, year = 2012}
            @article{king, author = {Gary King and Langche Zeng}, title = {Rare}, journal = {PA}, year = 2001}
            @inproceedings{guo, author = {Guo, Chuan and Pleiss, Geoff and Sun, Yu and Weinberger, Kilian Q.},
              title = {Calibration}, booktitle = {ICML}, year = 2017}
            @misc{others, author = {Smith, A. and others}, title = {T}, year = 1999}
            @misc{maaten, author = {van der Maaten, Laurens and Hinton, Geoffrey}, title = {t-SNE}, year = 2008}
            """)
        #expect(bibliography.citation("zeiler") == "Zeiler, 2012")
        #expect(bibliography.citation("king") == "King and Zeng, 2001")
        #expect(bibliography.citation("guo") == "Guo et al., 2017")
        #expect(bibliography.citation("others") == "Smith et al., 1999")
        #expect(bibliography.citation("maaten") == "van der Maaten and Hinton, 2008")
        #expect(bibliography.label(for: "guo")?.narrative == "Guo et al. (2017)")
        #expect(bibliography.citation("missing") == nil)
    }

    @Test func locatorsAreAppendedVerbatim() throws {
        let bibliography = try bib("@book{bishop, author = {Bishop, Christopher M.}, title = {PRML}, year = 2006, publisher = {Springer}}")
        #expect(bibliography.citation("bishop", locator: "§3.1") == "Bishop, 2006, §3.1")
        #expect(bibliography.citation("bishop", locator: "pp. 205–206") == "Bishop, 2006, pp. 205–206")
        #expect(bibliography.citation("bishop", locator: "") == "Bishop, 2006")
    }

    static let colliding = [
        "@misc{b, author = {Guo, C. and Pleiss, G. and Sun, Y.}, title = {Beta}, year = 2017}",
        "@misc{a, author = {Guo, X. and Other, O. and Third, T.}, title = {Alpha}, year = 2017}",
        "@misc{c, author = {Guo, C.}, title = {Single}, year = 2017}",
        "@misc{d, author = {Guo, C. and Li, M. and Wu, Q.}, title = {Gamma}, year = 2018}",
        "@misc{e, author = {Guo, Y. and Pleiss, G. and Sun, Y.}, title = {Delta}, year = 2017}",
    ]

    @Test func identicalLabelsGetLettersInReferenceOrder() throws {
        let bibliography = try bib(Self.colliding.joined(separator: "\n"))
        #expect(bibliography.citation("a") == "Guo et al., 2017a")
        #expect(bibliography.citation("b") == "Guo et al., 2017b")
        #expect(bibliography.citation("e") == "Guo et al., 2017c")
        #expect(bibliography.citation("c") == "Guo, 2017")
        #expect(bibliography.citation("d") == "Guo et al., 2018")
        #expect(bibliography.referenceList.map(\.key) == ["a", "b", "e", "c", "d"])
    }

    /// The same entries in any order give the same labels and the same reference list.
    @Test func labelsDoNotDependOnTheOrderOfTheFile() throws {
        let expected = try bib(Self.colliding.joined(separator: "\n"))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let shuffled = try bib(Self.colliding.shuffled(using: &generator).joined(separator: "\n"))
            for key in ["a", "b", "c", "d", "e"] { #expect(shuffled.label(for: key) == expected.label(for: key)) }
            #expect(shuffled.referenceList.map(\.key) == expected.referenceList.map(\.key))
        }
    }

    @Test func lettersGoPastZ() {
        #expect(LabelAssignment.suffix(0) == "a")
        #expect(LabelAssignment.suffix(25) == "z")
        #expect(LabelAssignment.suffix(26) == "aa")
        #expect(LabelAssignment.suffix(27) == "ab")
        #expect(LabelAssignment.suffix(26 + 26 * 26) == "aaa")
    }

    @Test func sortingIgnoresCaseAndAccents() throws {
        let bibliography = try bib("""
            @misc{z, author = {Zeiler, M.}, title = {T}, year = 2012}
            @misc{o, author = {{\\"O}zt{\\"u}rk, A.}, title = {T}, year = 2010}
            @misc{oa, author = {Oakes, B.}, title = {T}, year = 2010}
            @misc{l, author = {{\\L}ukasz, C.}, title = {T}, year = 2010}
            @misc{b2, author = {Bishop, C.}, title = {B}, year = 2006}
            @misc{b1, author = {bishop, C.}, title = {A}, year = 2006}
            @misc{b0, author = {Bishop, C.}, title = {Z}, year = 1995}
            """)
        #expect(bibliography.referenceList.map(\.key) == ["b0", "b1", "b2", "l", "oa", "o", "z"])
    }

    @Test func closestKeySuggestsNearMisses() throws {
        let bibliography = try bib(entry("", key: "zeiler2012") + entry("", key: "guo2017"))
        #expect(bibliography.closestKey(to: "zeiler2021") == "zeiler2012")
        #expect(bibliography.closestKey(to: "Guo2017") == "guo2017")
        #expect(bibliography.closestKey(to: "bishop2006") == nil)
    }
}
