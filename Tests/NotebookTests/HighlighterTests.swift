import Testing
import XMLTree
@testable import Notebook

@Suite struct HighlighterTests {
    func spans(_ language: String, _ code: String) -> [(String, String)] {
        let nodes = Highlighter(info: language)!.highlight(code)
        // Highlighting never changes the text.
        #expect(nodes.map(\.textContent).joined() == code)
        return nodes.compactMap { node in
            guard case .element(let element) = node else { return nil }
            return (element[attribute: "class"]!.replacingOccurrences(of: "tok-", with: ""), node.textContent)
        }
    }

    @Test func swiftTokens() {
        let found = spans("swift", "@inlinable public func f(_ x: Double) -> Tensor<Float> { // hi\n  let s = \"a \\\" b\"; return 1.5e-3 /* c /* nested */ */ }")
        #expect(found.contains { $0 == ("attribute", "@inlinable") })
        #expect(found.contains { $0 == ("keyword", "func") })
        #expect(found.contains { $0 == ("function", "f") })
        #expect(found.contains { $0 == ("type", "Double") })
        #expect(found.contains { $0 == ("type", "Tensor") })
        #expect(found.contains { $0 == ("comment", "// hi") })
        #expect(found.contains { $0 == ("string", "\"a \\\" b\"") })
        #expect(found.contains { $0 == ("number", "1.5e-3") })
        #expect(found.contains { $0 == ("comment", "/* c /* nested */ */") })
    }

    @Test func pythonTokens() {
        let found = spans("python", "import torch\nloss = F.cross_entropy(logits, target)  # mean\nprint(f'{loss:.4f}', \"\"\"doc\nstring\"\"\")\n")
        #expect(found.contains { $0 == ("keyword", "import") })
        #expect(found.contains { $0 == ("function", "cross_entropy") })
        #expect(found.contains { $0 == ("comment", "# mean") })
        #expect(found.contains { $0 == ("builtin", "print") })
        #expect(found.contains { $0 == ("string", "f'{loss:.4f}'") })
        #expect(found.contains { $0 == ("string", "\"\"\"doc\nstring\"\"\"") })
    }

    @Test func shellTokens() {
        let found = spans("sh", "if [ -n \"$HOME\" ]; then make test # go\nfi\necho ${X}-a#b $1")
        #expect(found.contains { $0 == ("keyword", "if") })
        #expect(found.contains { $0 == ("builtin", "make") })
        #expect(found.contains { $0 == ("string", "\"$HOME\"") })
        #expect(found.contains { $0 == ("comment", "# go") })
        #expect(found.contains { $0 == ("variable", "${X}") })
        #expect(found.contains { $0 == ("variable", "$1") })
        #expect(!found.contains { $0.0 == "comment" && $0.1.contains("b") })
    }

    @Test func unknownLanguagesAreNotHighlighted() {
        #expect(Highlighter(info: "text") == nil)
        #expect(Highlighter(info: "") == nil)
    }

    @Test func unterminatedStringsStopAtTheEndOfTheLine() {
        let found = spans("python", "x = 'oops\ny = 2\n")
        #expect(found.contains { $0 == ("string", "'oops") })
        #expect(found.contains { $0 == ("number", "2") })
    }
}
