import Testing
@testable import CommonMark

@Suite struct ParserTests {
    func parse(_ source: String) throws -> MarkdownNode {
        try MarkdownParser.parse(source, file: "ch.md")
    }

    @Test func convertsBlocksWithSourcePositions() throws {
        let document = try parse("# Title\n\nSome *em* text.\n\n- a\n- b\n\n```swift\nlet x = 1\n```\n")
        #expect(document.children.count == 4)
        let heading = document.children[0]
        #expect(heading.kind == .heading(level: 1))
        #expect(heading.range?.start == SourceLocation(file: "ch.md", line: 1, column: 1))
        #expect(heading.plainText == "Title")
        let paragraph = document.children[1]
        #expect(paragraph.range?.start.line == 3)
        #expect(paragraph.children.map(\.kind) == [.text("Some "), .emphasis, .text(" text.")])
        guard case .list(let info) = document.children[2].kind else {
            Issue.record("expected a list")
            return
        }
        #expect(!info.ordered && info.tight)
        #expect(document.children[2].children.count == 2)
        #expect(document.children[3].kind == .codeBlock(info: "swift", literal: "let x = 1\n"))
        #expect(document.children[3].range?.start.line == 8)
        #expect(document.children[3].range?.end.line == 10)
    }

    @Test func inlineKinds() throws {
        let paragraph = try parse("a `c` **s** [l](u.html \"t\") ![i](p.svg) <b>h</b>  \nz").children[0]
        let kinds = paragraph.children.map(\.kind)
        #expect(kinds.contains(.code("c")))
        #expect(kinds.contains(.strong))
        #expect(kinds.contains(.link(destination: "u.html", title: "t")))
        #expect(kinds.contains(.image(destination: "p.svg", title: "")))
        #expect(kinds.contains(.htmlInline("<b>")))
        #expect(kinds.contains(.lineBreak))
    }

    @Test func walkerAndRewriter() throws {
        let document = try parse("# A\n\ntext *b*\n")
        #expect(document.filter { $0.kind == .emphasis }.count == 1)
        let rewritten = document.rewritten { node in
            node.kind == .emphasis ? [MarkdownNode(.strong, children: node.children)] : nil
        }
        #expect(rewritten.filter { $0.kind == .emphasis }.isEmpty)
        #expect(rewritten.filter { $0.kind == .strong }.count == 1)
        let deleted = document.rewritten { $0.kind == .emphasis ? [] : nil }
        #expect(deleted.plainText == "Atext ")
    }

    /// Found by fuzzing (issue 13): cmark nests block quotes and lists without limit, and
    /// the stages after it walk the tree recursively, so 20,000 `>` overflowed the stack.
    @Test func absurdNestingIsAnErrorNotAStackOverflow() throws {
        for source in [String(repeating: ">", count: 20_000) + " a\n", String(repeating: "- ", count: 10_000) + "a\n"] {
            let error = #expect(throws: ParseError.self) { try MarkdownParser.parse(source, file: "ch.md") }
            #expect(error?.message.contains("nests deeper than \(CMarkConverter.maximumDepth) levels") == true)
            #expect(error?.location.file == "ch.md")
        }
        let deepest = String(repeating: ">", count: CMarkConverter.maximumDepth - 2) + " a\n"
        #expect(try MarkdownParser.parse(deepest, file: "ch.md").plainText == "a")
    }
}
