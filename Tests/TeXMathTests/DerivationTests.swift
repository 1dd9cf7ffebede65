import Testing
import TeXMath
import XMLTree
import SourceErrors

/// Derivation blocks that must pass and ones that must fail with a located, actionable error.
@Suite struct DerivationTests {
    static let bce = """
        given: z in [-6, 6]; y in {0, 1}
        define: \\sigma(t) = \\frac{1}{1 + e^{-t}}
          -\\log\\left(\\sigma(z)^{y}\\,(1-\\sigma(z))^{1-y}\\right)
        = -y\\log\\sigma(z) - (1-y)\\log(1-\\sigma(z))
        = \\log(1 + e^{z}) - y z
        """

    func check(_ body: String, line: Int = 20) throws -> CheckedDerivation {
        try CheckedDerivation(body, file: "chapters/04-bce.md", line: line)
    }

    func failure(_ body: String, line: Int = 20) -> LocatedError? {
        do {
            _ = try CheckedDerivation(body, file: "chapters/04-bce.md", line: line)
            return nil
        } catch {
            return error
        }
    }

    // MARK: Passing

    @Test func designExamplePassesWithNote() throws {
        let checked = try check(Self.bce)
        #expect(checked.stepCount == 2)
        #expect(checked.pointCount == 64)
        #expect(checked.note == "checked at 64 points over z ∈ [−6, 6], y ∈ {0, 1}")
        let html = checked.figure().serialized(.html)
        let result = try Fixtures.golden("Derivations/bce.html", html + "\n")
        #expect(result.actual == result.expected)
        #expect(html.contains(#"<mtable displaystyle="true" class="texmath-aligned">"#))
    }

    @Test(arguments: [
        // Derivative of softplus minus yz is the sigmoid minus y.
        """
        given: z in [-6, 6]; y in {0, 1}
        \\frac{d}{dz}\\left(\\log(1 + e^{z}) - y z\\right)
        = \\frac{1}{1 + e^{-z}} - y
        """,
        // Sized brackets group like plain ones (this crashed the lowering once).
        """
        given: z in [-1, 1]
          \\Bigl(z + 1\\Bigr)^2
        = z^2 + 2 z + 1
        """,
        // Sums over a vector; N is given after the vector that uses it.
        """
        given: x in [-2, 2]^N; N = 5
        \\sum_{i=1}^{N} (x_i + 1)^2
        = \\sum_{i=1}^{N} x_i^2 + 2\\sum_{i=1}^{N} x_i + N
        """,
        // One-sided steps: softplus lies between max(0, z) and max(0, z) + log 2.
        """
        given: z \\in [-6, 6]
        \\max(0, z) \\le \\log(1 + e^{z})
        \\le \\max(0, z) + \\log 2
        """,
        """
        given: z in (-3, 3)
        \\log(1 + e^{z}) \\ge z
        """,
        // Integer ranges.
        """
        given: k in {1, ..., 10}
        \\sum_{i=1}^{k} i = \\frac{k(k+1)}{2}
        """,
        // A defined constant that depends on the point, differentiated through.
        """
        given: w in [-3, 3]; x in [-2, 2]; y in [-1, 1]
        define: r = w x - y
        \\frac{\\partial}{\\partial w}\\left(\\frac{1}{2} r^2\\right) = r x
        """,
        // TeX names in given:, open and half-open intervals, a \{…\} set.
        """
        given: w_{ij} in [-1, 1]; \\theta \\in (0, 1]; \\mathbf{x} in \\{-1, 0.5, 2\\}
        w_{ij}\\theta\\mathbf{x} = \\mathbf{x}\\,\\theta\\, w_{ij}
        """,
        // Two-argument function, \\operatorname, a chain on one line, and a continuation line.
        """
        given: a in [0.1, 5]; b in [0.1, 5]
        define: \\operatorname{softplus}(t) = \\log(1 + e^{t}); f(u, v) = u v
        \\log f(a, b) = \\log a + \\log b = \\log a
          + \\log b
        = \\operatorname{softplus}(\\log a + \\log b) - \\log(1 + a b) + \\log a + \\log b
        """,
    ])
    func passing(_ body: String) throws {
        let checked = try check(body)
        #expect(checked.stepCount >= 1)
        #expect(checked.note.hasPrefix("checked at 64 points over "))
    }

    @Test func vectorNoteShowsLength() throws {
        let checked = try check("given: x in [-2, 2]^N; N = 5\n\\sum_{i=1}^{N} x_i = \\sum_{j=1}^{N} x_j")
        #expect(checked.note == "checked at 64 points over x ∈ [−2, 2]⁵")
    }

    // MARK: Failing

    @Test func wrongStepNamesItsLineValuesAndPoint() throws {
        let wrong = Self.bce.replacingLastLine(with: "= \\log(1 + e^{z}) + y z")
        let error = try #require(failure(wrong, line: 20))
        #expect(error.location == TextLocation(file: "chapters/04-bce.md", line: 24, column: 1))
        #expect(error.message.hasPrefix("step does not hold at z = "))
        #expect(error.message.contains(", y = "))
        #expect(error.message.contains("left side "))
        #expect(error.message.contains("right side "))
        #expect(error.sourceLine == "= \\log(1 + e^{z}) + y z")
        #expect(error.caret == "^")
    }

    @Test func wrongInequalityAndWrongDerivativeFail() throws {
        let inequality = try #require(failure("given: z in [-6, 6]\n\\log(1 + e^{z}) \\le z"))
        #expect(inequality.location.line == 21)
        #expect(inequality.message.contains("step does not hold"))
        let derivative = try #require(failure("given: z in [-2, 2]\n\\frac{d}{dz}(z^3)\n= 3 z"))
        #expect(derivative.location.line == 22)
    }

    @Test(arguments: [
        ("given: z in [-1, 1]\nz + 1 = 1 + q", "undefined variable 'q'", 21, 13),
        ("given: z in [3, 1]\nz = z", "empty domain", 20, 13),
        ("given: z in (1, 1)\nz = z", "empty domain", 20, 13),
        ("given: k in {5, ..., 1}\nk = k", "empty domain", 20, 13),
        ("given: k in {}\nk = k", "empty domain", 20, 13),
        ("given: x in [0, 1]^M\nx_1 = x_1", "unknown size 'M'", 20, 13),
        ("given: z in [-1, 1]\n\\log(z) = \\log z", "cannot be evaluated at z = ", 21, 1),
        ("given: z in [-1, 1]\n\\int_0^1 z = z", "integrals cannot be evaluated", 21, 1),
        ("given: z in [-1, 1]\nz + 1", "at least one step", 21, 1),
        ("given: z in [-1, 1]\nz \\approx z", "only =, \\le and \\ge", 21, 3),
        ("given: z in [-1, 1]\nz = \\foo z", "unknown command '\\foo'", 21, 5),
        ("given: z in [-1, 1]\ndefine: f(t) = t + g(t)\nf(z) = z", "undefined variable 'g'", 21, 20),
        ("given: z in [-1, 1]; z in [0, 1]\nz = z", "given twice", 20, 22),
        ("given: z in [-1, 1]", "needs a chain of steps", 20, 1),
    ] as [(String, String, Int, Int)])
    func failing(body: String, message: String, line: Int, column: Int) throws {
        let error = try #require(failure(body))
        #expect(error.message.contains(message), "\(error.message)")
        #expect(error.location.line == line)
        #expect(error.location.column == column, "\(error)")
    }
}

extension String {
    func replacingLastLine(with line: String) -> String {
        var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[lines.count - 1] = line
        return lines.joined(separator: "\n")
    }
}
