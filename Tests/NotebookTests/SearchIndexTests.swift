import Foundation
import Testing
import XMLTree
@testable import Notebook

/// The search index (issue 25): sections cut at headings, prose only, a safe script.
@Suite struct SearchIndexTests {
    @Test func sectionsAreCutAtHeadingsAndHoldOnlyProse() {
        let content: [Node] = [
            .el("p", [], [.text("Intro with "), .el("math", [], [.el("mi", text: "β"), .el("annotation", text: "\\beta")]), .text(".")]),
            .el("h2", [["id": "first"]], [.text("First "), .el("a", [["class": "heading-link"], ["href": "#first"]], text: "#")]),
            .el("p", [], text: "One"),
            .el("p", [], text: "two."),
            .el("pre", [], text: "let code = 1"),
            .el("math", [["display": "block"]], [.el("mi", text: "x")]),
            .el("figure", [], [.el("svg", [], text: "tick 0.5"), .el("figcaption", [], text: "A caption")]),
            .el("h3", [["id": "deeper"]], text: "Deeper"),
            .el("aside", [["class": "provenance"]], text: "seed = 5"),
        ]
        let outline = [OutlineEntry(level: 2, id: "first", title: "First"), OutlineEntry(level: 3, id: "deeper", title: "Deeper")]
        let sections = SearchIndex.sections(page: 2, title: "Chapter", content: content, outline: outline)
        #expect(sections == [
            .init(page: 2, id: "", heading: "Chapter", text: "Intro with β."),
            .init(page: 2, id: "first", heading: "First", text: "One two. A caption"),
            .init(page: 2, id: "deeper", heading: "Deeper", text: ""),
        ])
        // No text before the first heading: no section for it.
        #expect(SearchIndex.sections(page: 0, title: "T", content: Array(content.dropFirst()), outline: outline).first?.id == "first")
    }

    @Test func whiteSpaceOfAnyKindIsCollapsedAndOtherCharactersKept() {
        // No-break space (2 bytes), thin and ideographic spaces (3), a tab and a line break;
        // letters of 2, 3 and 4 bytes, and † (E2 80 A0, close to the separators' E2 80 A8).
        let content: [Node] = [.el("p", [], text: " \u{A0}naïve\u{2009}\u{2009}€\t\n𝛽\u{3000}†  ")]
        let sections = SearchIndex.sections(page: 0, title: "T", content: content, outline: [])
        #expect(sections.map(\.text) == ["naïve € 𝛽 †"])
    }

    @Test func longSectionsKeepTheirStartAsTextAndEveryOtherWordOnce() {
        let short = "A short section stays as it is."
        #expect(SearchIndex.compacted(short) == short)
        let words = (0..<800).map { "w\($0 % 300)" } + ["Overfitting", "gaussian", "overfitting", "Zeiler"]
        let long = words.joined(separator: " ")
        let compact = SearchIndex.compacted(long)
        let head = compact.components(separatedBy: " … ")[0]
        #expect(head.count <= SearchIndex.runningTextLimit && long.hasPrefix(head))
        let kept = Set(compact.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        #expect(Set(words.map { $0.lowercased() }).isSubset(of: kept))
        #expect(compact.count < long.count)
        #expect(compact.components(separatedBy: "overfitting").count + compact.components(separatedBy: "Overfitting").count == 3)
        // Words are cut at what is not a letter or digit, but a combining mark stays with its letter
        // (π̂, written π + U+0302), and a multiplication sign or a dash ends a word.
        let marked = SearchIndex.compacted(long + " π\u{302}·x2 naïve—done")
        #expect(marked.hasSuffix(" π\u{302} x2 naïve done"), "\(marked.suffix(40))")
    }

    @Test func scriptIsValidAndCannotEndItsScriptEarly() {
        let index = SearchIndex(
            pages: [.init(file: "a.html", title: "1 \"Quoted\"")],
            sections: [.init(page: 0, id: "x", heading: "H", text: "</script> \\ \u{2028} \u{1}"),
                       .init(page: 0, id: "y", heading: "\t\n\u{1F}", text: "†\u{2029}𝛽é"),
                       .init(page: 0, id: "z", heading: "\r\u{7F}", text: "end\u{2028}")])
        #expect(index.script.contains("[0, \"x\", \"H\", \"\\u003c/script> \\\\ \\u2028 \\u0001\"]"))
        #expect(index.script.contains("[0, \"y\", \"\\t\\n\\u001f\", \"†\\u2029𝛽é\"]"))
        // A separator last in its string; a carriage return escaped, DEL left as it is.
        #expect(index.script.contains("[0, \"z\", \"\\u000d\u{7F}\", \"end\\u2028\"]"))
        #expect(index.script.contains("[\"a.html\", \"1 \\\"Quoted\\\"\"]"))
        #expect(index.script.hasSuffix("]};\n"))
    }
}
