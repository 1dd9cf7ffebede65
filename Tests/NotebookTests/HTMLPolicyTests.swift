import CommonMark
import Testing
@_spi(Fuzzing) @testable import Notebook

/// Issue 18, item 19: the footer promises pages with no scripts, so raw HTML and URLs that
/// could run script (or navigate, or load from elsewhere) are errors at their place.
@Suite struct HTMLPolicyTests {
    /// `line:column: message` for each problem in a chapter.
    func problems(_ markdown: String) throws -> [String] {
        let document = try MarkdownParser.parse(markdown, file: "ch.md")
        return HTMLPolicy.check(document, source: LineEndings.normalized(markdown)).map {
            "\($0.line ?? 0):\($0.column ?? 0): \($0.message)"
        }
    }

    @Test(arguments: [
        // Scripts, in any case, inline and as blocks, and hidden where one browser or another sees them.
        "Text <script>alert(1)</script> more.",
        "<SCRIPT SRC=https://example.org/x.js></SCRIPT>",
        "<div>\n<ScRiPt>alert(1)</ScRiPt>\n</div>",
        "<!--><script>alert(1)</script>-->",
        "<?x > <script>alert(1)</script> ?>",
        "<textarea><!--</textarea><script>alert(1)</script>-->",
        "<svg><![CDATA[ > <!-- ]]><script>alert(1)</script> -->",
        // Event handlers.
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=x ONERROR=alert(1)>",
        "<div>\n<img/onerror=alert(1)/src=x>\n</div>",
        "<svg onload=alert(1)></svg>",
        "<details open ontoggle=alert(1)>x</details>",
        "> <div onclick=\"alert(1)\">quoted</div>",
        // Script URLs, plain and disguised.
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#x6A;avascript&colon;alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097vascript:alert(1)\">x</a>",
        "<a href=\"java&#9;script:alert(1)\">x</a>",
        "<a href=\"java&Tab;script:alert(1)\">x</a>",
        "<a href=\"java&NewLine;script:alert(1)\">x</a>",
        "<a href=\" &#1;javascript:alert(1)\">x</a>",
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a\nhref=\"javascript:alert(1)\">x</a>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<math href=\"javascript:alert(1)\"><mi>x</mi></math>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<div data-x=\"javascript:alert(1)\">x</div>",
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#9;script:alert(1))",
        "[x](<java\tscript:alert(1)>)",
        "<javascript:alert(1)>",
        "![i](javascript:alert(1))",
        "[x]\n\n[x]: javascript:alert(1)",
        // data: URLs: pages are refused, and SVG images (they can hold scripts).
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<a href=\"data:text/html,<script>alert(1)</script>\">x</a>",
        "![i](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
        "![i](<DATA: IMAGE/SVG+XML,x>)",
        "<img src=\"data:image/svg+xml,&lt;svg&gt;\" alt=\"x\">",
        "<img srcset=\"a.png 1x, data:image/svg+xml,x 2x\" alt=\"x\">",
        "<a href=\"data:image/png;base64,AAAA\">a page of an image</a>",
        // Other schemes than the allowed ones.
        "[x](file:///etc/passwd)",
        "<a href=\"ms-settings:\">x</a>",
        // Elements that embed documents, navigate, submit or load from elsewhere.
        "<iframe src=\"https://example.org\"></iframe>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<object data=\"x.swf\"></object>",
        "<embed src=\"x.swf\">",
        "<form action=\"https://example.org\"><input name=q></form>",
        "<base href=\"https://example.org/\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=https://example.org\">",
        "<link rel=\"stylesheet\" href=\"https://example.org/x.css\">",
        "<svg><a href=\"#\"><set attributeName=\"href\" to=\"javascript:alert(1)\"/><text>x</text></a></svg>",
        "<svg><animate attributeName=\"href\" values=\"javascript:alert(1)\"/></svg>",
        // CSS that loads or runs.
        "<style>body { background: url(javascript:alert(1)) }</style>",
        "<style>@import 'https://example.org/x.css';</style>",
        "<div style=\"background: url(x.png)\">x</div>",
        "<div style=\"background: \\75 rl(x.png)\">x</div>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<div style=\"background: u&#114;l(x.png)\">x</div>",
        "<svg><style>a { fill: u&#114;l(#x) }</style></svg>",
        "Prose <style> then *text* </style> more.",
        // Raw HTML that would swallow the prose after it.
        "<div title=\"\n\nprose \" onmouseover=\"alert(1)\" x=\"",
        "<div>\n<!-- never closed\n\nprose",
        "<img alt=\"<\" onerror=alert(1)>",
    ])
    func refused(_ markdown: String) throws {
        let found = try problems("# T\n\n" + markdown + "\n")
        #expect(!found.isEmpty, "\(markdown.debugDescription) passed")
    }

    @Test(arguments: [
        "<span class=\"note\" style=\"color: red; font-weight: bold\">x</span>",
        "<a href=\"https://example.org/?a=1&amp;b=2\" title=\"javascript is a language\">x</a>",
        "<a href=\"#section\">x</a> <a href=\"other.html\">y</a> <a href=\"../up/x.html#y\">z</a>",
        "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\"> <img srcset=\"a.png 1x, data:image/webp;base64,AA 2x\" alt=\"y\">",
        "![alt](data:image/png;base64,AAAA) ![alt](figure.svg) ![alt](https://example.org/x.png)",
        "[mail](mailto:a@example.org) [call](tel:+123) <https://example.org> <a@example.org>",
        "[notes](javascript-notes.html) [colon](a/b:c.html) [query](x.html?u=javascript:1)",
        "<details><summary>More</summary>Hidden text.</details>",
        "> A quote with <angle brackets> & ampersands.",
        "<!-- a comment with <b>bold</b> in it -->",
        "Line<br/>break, <sub>1</sub>, <kbd>Ctrl</kbd>, <abbr title=\"cross-entropy\">CE</abbr>.",
        "<style>\n.note { color: red; }\n</style>",
        "<svg width=\"10\" height=\"10\"><circle cx=\"5\" cy=\"5\" r=\"4\" fill=\"red\"/></svg>",
        "Costs $5 and <b>$10</b>, and `<script>` in code is text.",
        "```html\n<script>alert(1)</script>\n```",
    ])
    func allowed(_ markdown: String) throws {
        let found = try problems("# T\n\n" + markdown + "\n")
        #expect(found.isEmpty, "\(markdown.debugDescription): \(found)")
    }

    @Test func problemsPointAtTheirPlace() throws {
        #expect(try problems("# T\n\nText <script>x</script> more.\n") == [
            "3:6: raw HTML <script> is not allowed: it runs a script, and the pages carry none",
        ])
        // A block quote's marker comes before the block's literal.
        #expect(try problems("# T\n\n> <div onclick=\"x\">y</div>\n") == [
            "3:8: attribute 'onclick' of <div>: an event handler runs a script",
        ])
        // Later lines of a block, and of an inline tag (after the paragraph's indentation).
        #expect(try problems("# T\n\n<div\n  onclick=x>\n</div>\n") == ["4:3: attribute 'onclick' of <div>: an event handler runs a script"])
        #expect(try problems("# T\n\nText <a\n   onclick=x>y</a>\n") == ["4:4: attribute 'onclick' of <a>: an event handler runs a script"])
        // Columns after math on the same line are the file's.
        #expect(try problems("# T\n\n$x^2$ and <b onclick=y>b</b>\n") == ["3:14: attribute 'onclick' of <b>: an event handler runs a script"])
        #expect(try problems("# T\n\nSee [it](javascript:alert(1)).\n") == ["3:5: link to 'javascript:alert(1)': a javascript: URL runs a script"])
        #expect(try problems("# T\n\n![i](data:image/svg+xml,x)\n") == ["3:1: image 'data:image/svg+xml,x': an SVG image in a data: URL can hold a script"])
        #expect(try problems("# T\n\nA <a href=\"java&#9;script:x\">b</a>\n") == [
            "3:6: attribute 'href' of <a>: 'java\\tscript:x': a javascript: URL runs a script",
        ])
        #expect(try problems("# T\n\n<div title=\"\n\nprose\n") == [
            "3:1: raw HTML ends inside a tag: close it in the same piece of HTML, or the prose after it becomes part of it",
        ])
    }

    /// Every candidate tag is read once, so adversarial raw HTML stays linear (counted by size:
    /// a quadratic reading of these would take minutes), and one chapter reports at most
    /// `maximumDiagnostics` problems.
    @Test func hostileRawHTMLIsReadInLinearTimeWithBoundedReports() throws {
        for html in [
            "<div>" + String(repeating: "<a ", count: 50_000), "<div>" + String(repeating: "<a<", count: 50_000),
            "<div>" + String(repeating: "<style>", count: 50_000), "<div title='" + String(repeating: "<a x=", count: 50_000),
            "<div>" + String(repeating: "<script>", count: 50_000) + "</div>",
            "<div>" + String(repeating: "<b x='y'>\n", count: 30_000) + "<script>",
        ] {
            let found = try problems("# T\n\n" + html + "\n")
            #expect(!found.isEmpty && found.count <= HTMLPolicy.maximumDiagnostics)
        }
    }

    @Test func schemesAreReadAsBrowsersReadThem() {
        #expect(URLPolicy.scheme(of: "  JavaScript:x") == "javascript")
        #expect(URLPolicy.scheme(of: "\u{1}java\n\tscript:x") == "javascript")
        #expect(URLPolicy.scheme(of: "java script:x") == nil)
        #expect(URLPolicy.scheme(of: "./javascript:x") == nil)
        #expect(URLPolicy.scheme(of: "#x:y") == nil)
        #expect(URLPolicy.scheme(of: "HTTPS://example.org") == "https")
        #expect(CharacterReferences.decode("&#106;&#X61;&#x76&colon;&Colon;&amp;&ampx&lt=&#0;&#99999999;") == "jav:&Colon;&&ampx&lt=\u{FFFD}\u{FFFD}")
        #expect(CSSPolicy.normalized("U\\52 L ( x ) /* c */") == "url(x)/*c*/")
    }
}
