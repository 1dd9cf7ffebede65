import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TeXMath
import XMLTree

/// A page of formulas for a human (and `scripts/check-texmath-page`) to look at in Chromium.
@Suite struct FormulasPageTests {
    static let inline = [
        "x_i^2 + w_{ij}", "\\frac{a}{b}", "\\sqrt[3]{x}", "\\sum_{i=1}^{N} x_i", "\\log\\sigma(z)",
        "\\max_{x} f(x)", "p(y \\mid x)", "\\mathbb{E}[\\mathcal{L}]", "\\hat{y} \\approx y",
        "\\boldsymbol{\\theta} \\in \\mathbb{R}^d", "-x", "(0,1)", "\\nabla_{\\mathbf{w}} \\ell",
    ]

    static let display: [(tex: String, number: String?)] = [
        ("\\mathcal{L}(\\boldsymbol{\\theta}) = -\\frac{1}{N} \\sum_{i=1}^{N} \\left[ y_i \\log \\hat{y}_i + (1 - y_i) \\log(1 - \\hat{y}_i) \\right] \\label{eq:bce}", "2.1"),
        ("\\operatorname{softmax}(\\mathbf{z})_k = \\frac{e^{z_k}}{\\sum_{j=1}^{K} e^{z_j}} \\label{eq:softmax}", "2.2"),
        ("\\hat{\\theta} = \\arg\\max_{\\theta} \\prod_{i=1}^{N} p(y_i \\mid x_i; \\theta)", nil),
        ("\\int_0^1 x^2 \\,\\mathrm{d}x = \\tfrac{1}{3}, \\quad \\dfrac{\\partial \\ell}{\\partial w} = (\\sigma(z) - y)\\, x", nil),
        ("\\left( \\frac{a}{b} \\middle| \\frac{c}{d} \\right) \\quad \\big( \\Big( \\bigg( \\Bigg( x \\Bigg) \\bigg) \\Big) \\big)", nil),
        ("\\mathbf{W} = \\begin{pmatrix} w_{11} & w_{12} \\\\ w_{21} & w_{22} \\end{pmatrix}, \\quad I = \\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}", nil),
        ("\\ell(y, z) = \\begin{cases} \\log(1 + e^{-z}) & y = 1 \\\\ \\log(1 + e^{z}) & \\text{otherwise} \\end{cases}", nil),
        ("\\begin{aligned} f(x) &= (x + 1)^2 \\\\ &= x^2 + 2x + 1 \\end{aligned} \\label{eq:square}", "2.3"),
        ("\\alpha\\beta\\gamma\\delta\\epsilon\\theta\\lambda\\mu\\sigma\\phi\\omega \\; \\Gamma\\Delta\\Theta\\Sigma\\Phi\\Omega \\; \\infty \\to \\propto \\sim \\le \\ge \\cdot \\times", nil),
        ("\\bar{x} = \\tfrac{1}{n}\\sum_i x_i, \\quad \\tilde{p}, \\quad \\vec{v}, \\quad a\\,b\\:c\\;d\\quad e\\qquad f\\!g", nil),
    ]

    /// The whole page as HTML, built from element trees like every other page.
    static func page() throws -> String {
        var body: [Node] = [.el("h1", text: "TeXMath formulas")]
        var paragraph: [Node] = [.text("Inline: ")]
        for (index, tex) in inline.enumerated() {
            paragraph.append(try TeXFormula(tex, style: .inline, at: .chapter(line: index + 1, column: 1)).mathML())
            paragraph.append(.text(index + 1 < inline.count ? ", " : "."))
        }
        body.append(.el("p", [], paragraph))
        for (index, entry) in display.enumerated() {
            let formula = try TeXFormula(entry.tex, style: .display, at: .chapter(line: 100 + index, column: 1))
            body.append(formula.mathML(number: entry.number))
        }
        body.append(.el("p", [], [.text("A checked derivation:")]))
        body.append(try CheckedDerivation(DerivationTests.bce, file: "chapters/04-bce.md", line: 20).figure())
        let css = "body { font-family: \"DejaVu Serif\", serif; max-width: 52em; margin: 1em auto; padding: 0 1em; "
            + "color: #111; background: #fff; }\n" + TeXMathStylesheet.css
        let html = Node.el("html", [["lang": "en"]], [
            .el("head", [], [
                .el("meta", [["charset": "utf-8"]]),
                .el("title", text: "TeXMath formulas"),
                .el("style", [], [.raw(css)]),
            ]),
            .el("body", [], body),
        ])
        return "<!DOCTYPE html>\n" + html.serialized(.html) + "\n"
    }

    @Test func pageHasEveryFormula() throws {
        let html = try Self.page()
        let count = html.components(separatedBy: "<math").count - 1
        #expect(count == Self.inline.count + Self.display.count + 1)
        #expect(html.contains(#"<mtr id="eq-bce">"#))
        #expect(html.contains("Latin Modern Math"))
    }

    /// The whole page against its golden (`DOCGEN_UPDATE_GOLDENS=1` rewrites it): the page
    /// the Chromium check screenshots is one a person has read.
    @Test func pageMatchesGolden() throws {
        let result = try Fixtures.golden("formulas.html", try Self.page())
        #expect(result.actual == result.expected, "formulas.html differs from its golden; DOCGEN_UPDATE_GOLDENS=1 rewrites it")
    }

    /// Writes the page for `scripts/check-texmath-page`; runs only when TEXMATH_PAGE_DIR is set.
    /// What it writes must be the golden page, not merely what it meant to write.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["TEXMATH_PAGE_DIR"] != nil))
    func writesFormulasPage() throws {
        let directory = URL(fileURLWithPath: ProcessInfo.processInfo.environment["TEXMATH_PAGE_DIR"]!)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let page = try Self.page()
        let file = directory.appendingPathComponent("formulas.html")
        try page.write(to: file, atomically: true, encoding: .utf8)
        let golden = try String(contentsOf: Fixtures.root.appendingPathComponent("formulas.html"), encoding: .utf8)
        #expect(try String(contentsOf: file, encoding: .utf8) == golden, "formulas.html differs from its golden")
    }

    /// The page is well-formed XML (the serializer closes and escapes everything),
    /// so a browser reads it the same in HTML and XHTML mode.
    @Test func pageIsWellFormed() throws {
        let page = try Self.page().replacingOccurrences(of: "<!DOCTYPE html>\n", with: "")
        #expect(XMLParser(data: Data(page.utf8)).parse())
    }
}
