import Testing
@testable import XMLTree

@Suite struct SerializerTests {
    @Test func escapesTextAndAttributesOnce() {
        let node = Node.el("a", [Attribute("href", "x?a=1&b=\"2\"")], text: "<b> & </b>")
        #expect(node.serialized() == #"<a href="x?a=1&amp;b=&quot;2&quot;">&lt;b&gt; &amp; &lt;/b&gt;</a>"#)
    }

    @Test func escapingLeavesEveryOtherCharacterAsItIs() {
        // Bytes beyond ASCII around the escaped ones: é (2 bytes), † (E2 80 A0, 3), 𝛽 (4).
        #expect(Escaping.text("é<†>&𝛽\"") == "é&lt;†&gt;&amp;𝛽\"")
        #expect(Escaping.attribute("é<†>&𝛽\"") == "é&lt;†&gt;&amp;𝛽&quot;")
        #expect(Escaping.text("<") == "&lt;" && Escaping.text("") == "" && Escaping.text("plain ünïcode") == "plain ünïcode")
    }

    @Test func voidElementsInHTMLAndSelfClosingInXML() {
        let meta = Node.el("meta", [["charset": "utf-8"]])
        #expect(meta.serialized(.html) == #"<meta charset="utf-8">"#)
        #expect(meta.serialized(.xml) == #"<meta charset="utf-8"/>"#)
        let div = Node.el("div")
        #expect(div.serialized(.html) == "<div></div>")
        #expect(div.serialized(.xml) == "<div/>")
    }

    @Test func rawIsNotEscapedAndCommentsCannotClose() {
        let node = Node.el("p", [], [.raw("<b>x</b>"), .comment("a -- b")])
        #expect(node.serialized() == "<p><b>x</b><!-- a - - b --></p>")
    }

    @Test func textContentSkipsMarkup() {
        let node = Node.el("p", [], [.text("a"), .el("em", text: "b"), .raw("<i>c</i>")])
        #expect(node.textContent == "ab")
    }

    @Test func attributeSubscriptReplacesAndRemoves() {
        var element = Element("p", [["id": "a"]])
        element[attribute: "id"] = "b"
        element[attribute: "class"] = "c"
        #expect(element.attributes == [Attribute("id", "b"), Attribute("class", "c")])
        element[attribute: "id"] = nil
        #expect(element.attributes == [Attribute("class", "c")])
    }
}
