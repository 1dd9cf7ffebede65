import Testing
import TeXMath
import XMLTree

/// One golden MathML file per construct, under Tests/Fixtures/TeXMath/MathML/.
@Suite struct GoldenMathMLTests {
    static let cases: [(name: String, tex: String, style: MathStyle)] = [
        ("scripts", "x_i^2 + w_{ij} + a^{b_c}", .inline),
        ("numbers", "(0,1) + 3.25x - 12", .inline),
        ("prefix-minus", "-x + (-y) = -\\log z", .inline),
        ("frac", "\\frac{a}{b} + \\dfrac{1}{2} + \\tfrac12", .display),
        ("sqrt", "\\sqrt{x^2 + 1} + \\sqrt[3]{y}", .inline),
        ("sum-display", "\\sum_{i=1}^{N} x_i + \\prod_{k=1}^{K} p_k", .display),
        ("sum-inline", "\\sum_{i=1}^{N} x_i", .inline),
        ("limits-override", "\\sum\\limits_{i=1}^{N} x_i + \\sum\\nolimits_{j} y_j", .inline),
        ("int", "\\int_0^1 f(x)\\,\\mathrm{d}x", .display),
        ("functions", "\\log x + \\exp(y) + \\log\\sigma(z)", .inline),
        ("limits-display", "\\max_{x} f(x) + \\arg\\max_{\\theta} L + \\min_i a_i", .display),
        ("limits-inline", "\\max_{x} f(x)", .inline),
        ("operatorname", "\\operatorname{softmax}(z)_i + \\operatorname*{arg\\,min}_w L", .display),
        ("left-right", "\\left( \\frac{a}{b} \\middle| c \\right)", .display),
        ("big", "\\big( \\Big[ \\bigg\\{ \\Bigg| x", .inline),
        ("greek", "\\alpha + \\beta\\theta + \\Sigma + \\Omega + \\varepsilon", .inline),
        ("fonts", "\\mathbf{x} + \\boldsymbol{\\theta} + \\mathbb{R} + \\mathbb{E} + \\mathcal{L} + \\mathrm{d} + \\mathrm{softplus}", .inline),
        ("text", "x \\text{ if } y", .inline),
        ("accents", "\\hat{y} + \\bar{x} + \\tilde{p} + \\vec{v}", .inline),
        ("symbols", "\\partial \\nabla \\cdot \\times \\leq \\geq \\approx \\propto \\in \\sim \\infty \\to", .inline),
        ("mid", "p(y \\mid x)", .inline),
        ("spacing", "a\\,b\\:c\\;d\\quad e\\qquad f\\!g", .inline),
        ("pmatrix", "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", .display),
        ("bmatrix", "\\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\end{bmatrix}", .display),
        ("cases", "f(x) = \\begin{cases} x & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}", .display),
        ("aligned", "\\begin{aligned} a &= b + c \\\\ &= d \\end{aligned}", .display),
        ("primes", "f'(x) + g''", .inline),
    ]

    @Test(arguments: cases.map(\.name))
    func construct(_ name: String) throws {
        let entry = Self.cases.first { $0.name == name }!
        let math = try formula(entry.tex, entry.style).mathML().serialized(.html)
        let result = try Fixtures.golden("MathML/\(name).html", math + "\n")
        #expect(result.actual == result.expected)
    }

    @Test func numberedEquationHasNumberCellAndAnchor() throws {
        let parsed = try formula("L = -\\log p \\label{eq:nll}", .display)
        #expect(parsed.label?.name == "eq:nll")
        #expect(parsed.label?.anchor == "eq-nll")
        let math = parsed.mathML(number: "3.2").serialized(.html)
        let result = try Fixtures.golden("MathML/numbered.html", math + "\n")
        #expect(result.actual == result.expected)
        #expect(math.contains(#"<mtr id="eq-nll">"#))
        #expect(math.contains("<mtext>(3.2)</mtext>"))
    }
}
