import Foundation
import Testing
@testable import Bibliography
import SourceErrors

/// LaTeX in values: accents in every spelling, special letters, escapes, dashes, spaces, braces.
@Suite struct LaTeXTests {
    func title(_ value: String) throws -> String? { try field("title", "{" + value + "}") }

    @Test func accentsInEverySpelling() throws {
        for spelling in ["G{\\\"o}del", "G\\\"{o}del", "G\\\"odel", "G{\\\"{o}}del", "G\\\" odel", "Gödel"] {
            #expect(try title(spelling)?.unicodeScalars.elementsEqual("Gödel".unicodeScalars) == true, "\(spelling)")
        }
        #expect(try title("Caf{\\'e} \\'Ecole \\`a \\^o \\~n \\=a \\.z \\u{g} \\v{s} \\H{o} \\c{c} \\c c \\k{a} \\r{a} \\d{s} \\b{k}")
            == "Café École à ô ñ ā ż ğ š ő ç ç ą å ṣ ḵ")
    }

    @Test func dotlessLettersTakeAccentsAsPlainOnes() throws {
        #expect(try title("Mart{\\'\\i}nez \\'{\\i} \\\"\\i\\ x \\v{\\j}") == "Martínez í ï x ǰ")
    }

    @Test func specialLettersAndEscapes() throws {
        #expect(try title("Stra{\\ss}e \\ss{} {\\o} {\\O} {\\ae} {\\AE} {\\oe} {\\OE} {\\aa} {\\AA} {\\l} {\\L}") == "Straße ß ø Ø æ Æ œ Œ å Å ł Ł")
        // As in TeX, a control word swallows the blanks after it.
        #expect(try title("\\o \\O and \\ae{} x") == "øØand æ x")
        #expect(try title("R\\&D, 50\\%, \\$5, \\#1, a\\_b, \\{x\\}") == "R&D, 50%, $5, #1, a_b, {x}")
    }

    @Test func dashesTiesAndQuotes() throws {
        #expect(try field("pages", "{137--163}") == "137–163")
        #expect(try title("A---B, e-mail") == "A—B, e-mail")
        #expect(try title("Fig.~3 and ``quoted'' and `single'") == "Fig.\u{A0}3 and “quoted” and ‘single'")
    }

    @Test func caseProtectingBracesAndFontCommandsGo() throws {
        #expect(try title("{U-Net}: {C}onvolutional \\emph{Networks} for {\\em Biomedical} \\textbf{Image} \\textsc{Seg}") ==
            "U-Net: Convolutional Networks for Biomedical Image Seg")
        #expect(try title("The $\\ell_1$ norm and $\\alpha$") == "The ℓ_1 norm and α")
    }

    @Test func whiteSpaceCollapses() throws {
        #expect(try title("  many\n\t  spaces   here  ") == "many spaces here")
        #expect(try title("\\LaTeX\\ and \\TeX{} rock") == "LaTeX and TeX rock")
    }

    /// Every precomposed letter the accent tables give is what Unicode's NFC composition
    /// gives, and no letter that NFC composes is missing from the tables.
    @Test func accentTablesMatchCanonicalComposition() throws {
        let letters = "AaBbCcDdEeFfGgHhIiJjKkLlMmNnOoPpQqRrSsTtUuVvWwXxYyZz".unicodeScalars
        for (command, accent) in Accents.table {
            for letter in letters {
                let ours = try #require(Accents.apply(command, to: letter))
                var decomposed = ""
                decomposed.unicodeScalars.append(letter)
                decomposed.unicodeScalars.append(accent.combining)
                let nfc = decomposed.precomposedStringWithCanonicalMapping
                #expect(Array(ours.unicodeScalars) == Array(nfc.unicodeScalars), "\\\(command){\(letter)}")
            }
        }
    }

    @Test func unknownCommandIsAnErrorAtItsPlace() throws {
        let error = try #require(failure("@misc{k, author = {A}, year = 1,\n  title = {A \\textbfx{b}}}"))
        #expect(error.message == "unknown LaTeX command '\\textbfx' in the title; did you mean '\\textbf'?")
        #expect(error.location == TextLocation(file: "refs.bib", line: 2, column: 14))
        #expect(error.caret == "             ^~~~~~~~")
    }

    @Test func anAccentNeedsOneLetter() throws {
        let error = try #require(failure(entry("  note = {x \\\"{oe}},")))
        #expect(error.message == "the accent '\\\"' takes one letter, as in \\\"{o}")
        #expect(error.location.column == 13)
    }

    @Test func errorsInsideMacrosPointAtTheMacro() throws {
        let error = try #require(failure("@string{bad = {A \\nope}}\n" + entry("  note = {x} # bad,")))
        #expect(error.location == TextLocation(file: "refs.bib", line: 1, column: 18))
        #expect(error.message.hasPrefix("unknown LaTeX command '\\nope' in the note"))
    }
}
