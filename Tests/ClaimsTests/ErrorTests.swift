import Claims
import Testing
import SourceErrors

/// Every error names the chapter file, line and UTF-8 byte column, and underlines the part at fault.
@Suite struct ErrorTests {
    @Test func anErrorIsLocatedAndUnderlined() throws {
        let error = try #require(parseError("check a.x > 0 and mx(a.x, 1) < 2"))
        #expect(error.location == TextLocation(file: "chapters/03-test.md", line: 12, column: 9 + 18))
        #expect(error.message == "unknown function 'mx' (did you mean 'max'?); the functions are abs, min, max, log, exp, all and any")
        #expect(error.sourceLine == "check a.x > 0 and mx(a.x, 1) < 2")
        #expect(error.caret == "                  ^~")
        #expect(error.description == """
            chapters/03-test.md:12:27: error: \(error.message)
                check a.x > 0 and mx(a.x, 1) < 2
                                  ^~
            """)
    }

    @Test func columnsCountUTF8BytesAndLinesRestartAtColumnOne() throws {
        // "σ" is two bytes in the string, one character under the caret.
        let first = try #require(parseError(#"if a.x > 0 then "σ" else "b" c"#))
        #expect(first.location.column == start.column + 30)
        #expect(first.caret == String(repeating: " ", count: 29) + "^")
        let second = try #require(parseError("check a.x > 0\n  and ^ 2"))
        #expect(second.location == TextLocation(file: "chapters/03-test.md", line: 13, column: 7))
        #expect(second.sourceLine == "  and ^ 2")
        #expect(second.caret == "      ^")
    }

    @Test(arguments: [
        // Syntax.
        ("check", "'check' needs a claim after it, e.g. {{check a.x > 0}}", 0),
        ("if", "'if' needs a condition, e.g. {{if a.x > 0 then \"above\" else \"below\"}}", 0),
        ("a.x > 0", "expected 'check' or 'if'", 0),
        ("check a.x > ", "the claim ends where a value was expected", 11),
        ("check (a.x > 0", "'(' has no closing ')'", 6),
        ("check a.x > 0)", "unbalanced ')': no '(' opens it", 13),
        ("check a.x > 0 b.y", "expected an operator or the end after the claim, found 'b.y'", 14),
        ("check 1 < 2 < 3", "comparisons do not chain: write 'a < b and b < c'", 12),
        ("check a.x = 1", "write '==' to compare numbers", 10),
        ("check !(a.x < 1)", "write 'not' for '!'", 6),
        ("check a.x < 1 && a.y < 2", "unexpected '&'; write 'and'", 14),
        ("check a.x ≤ 1", "unexpected '≤'; write '<='", 10),
        ("check a.x ^ 2 > 1", "unexpected '^'; there is no power operator: write a.x * a.x, or exp(…) and log(…)", 10),
        ("check a.x < 1 | fixed:3", "unexpected '|'; write 'or' (a claim takes no '| format')", 14),
        ("check a.x. > 1", "a name does not end in '.'", 9),
        ("check a..x > 1", "a name does not end in '.'", 7),
        ("check 2x > 1", "'2x' is not a number; names start with a letter or '_'", 6),
        ("check 1e999 > 1", "the number '1e999' is out of range", 6),
        ("check a.x.avg > 1", "unknown aggregate 'avg'; after a value comes .mean, .sd, .min or .max", 10),
        ("check a.x.mena > 1", "unknown aggregate 'mena' (did you mean 'mean'?); after a value comes .mean, .sd, .min or .max", 10),
        ("check a.x-b.y > 1", "unknown aggregate 'y'; after a value comes .mean, .sd, .min or .max; to subtract, put spaces around '-'", 12),
        ("check a.param.lr.mean > 1", "'a.param.lr.mean': a parameter has one value, so it takes no '.mean'", 6),
        ("check a.b.c.d > 1", "'a.b.c.d' has too many parts: a value is written experiment.key, experiment.key.mean (or .sd, .min, .max) or experiment.param.NAME", 6),
        ("check sigma > 1", "'sigma' is not a value: a value is named experiment.key", 6),
        ("check a.x > 1 adn a.y > 2", "expected an operator or the end after the claim, found 'adn'", 14),
        ("check nto a.x > 1", "unknown word 'nto' (did you mean 'not'?)", 6),
        ("check abs > 1", "'abs' is a function: write abs(…)", 6),
        ("check sqrt(a.x) > 1", "unknown function 'sqrt'; the functions are abs, min, max, log, exp, all and any", 6),
        ("check abs(a.x, 1) > 1", "abs(…) takes one number, not 2", 6),
        ("check max(a.x) > 1", "max(…) takes two numbers or more, not 1", 6),
        ("check min() > 1", "min(…) takes two numbers or more, not 0", 6),
        ("check all(a.x > 1, a.y > 1)", "all(…) takes one condition; join conditions with 'and' or 'or'", 17),
        ("check all(any(a.x > 1))", "any(…) inside all(…): the outer one already takes each seed", 10),
        ("check all(a.x.mean > a.param.p)", "all(…) names no experiment value to take seed by seed (aggregates and parameters are the same at every seed)", 6),
        ("check a.x < not a.y > 1", "put 'not …' in parentheses here: it binds more loosely than comparisons and arithmetic", 12),
        ("check +a.x > 1", "a value cannot start with '+'", 6),
        ("check a.x > 1 then \"x\"", "'then' and 'else' belong to {{if … then \"…\" else \"…\"}}", 14),
        ("check \"yes\"", "words in quotes come only after 'then' and 'else'", 6),
        ("if a.x > 1 \"a\" else \"b\"", "expected 'then' after the condition, found a string", 11),
        ("if a.x > 1 then above else \"b\"", "the words after 'then' go in double quotes: then \"…\"", 16),
        ("if a.x > 1 then \"a\"", "expected 'else' after the words after 'then'", 18),
        ("if a.x > 1 then \"a\" else 'b'", "unexpected '''; the words after 'then' and 'else' go in straight double quotes: \"…\"", 25),
        ("if a.x > 1 then \"a\" else \"b", "the string has no closing '\"'", 25),
        ("if a.x > 1 then \"a\" else \"b\" \"c\"", "expected an operator or the end after the words after 'else', found a string", 29),
        // Types.
        ("check a.x", "'a.x' is a number, but a claim needs true or false; compare it, e.g. 'a.x > 0'", 6),
        ("if a.x + 1 then \"a\" else \"b\"", "'a.x + 1' is a number, but 'if' needs true or false; compare it, e.g. 'a.x + 1 > 0'", 3),
        ("check a.x > 1 and a.y", "'a.y' is a number, but 'and' needs true or false; compare it, e.g. 'a.y > 0'", 18),
        ("check a.x or a.y > 1", "'a.x' is a number, but 'or' needs true or false; compare it, e.g. 'a.x > 0'", 6),
        ("check not a.x", "'a.x' is a number, but 'not' needs true or false; compare it, e.g. 'a.x > 0'", 10),
        ("check (a.x > 1) + 1 > 0", "'(a.x > 1)' is true or false, but '+' needs a number", 6),
        ("check 1 + (a.x > 1) > 0", "'(a.x > 1)' is true or false, but '+' needs a number", 10),
        ("check -(a.x > 1) > 0", "'(a.x > 1)' is true or false, but '-' needs a number", 7),
        ("check (a.x > 1) < 2", "'(a.x > 1)' is true or false, but '<' needs a number", 6),
        ("check abs(a.x > 1) > 0", "'a.x > 1' is true or false, but abs(…) needs a number", 10),
        ("check all(a.x) ", "'a.x' is a number, but all(…) needs true or false; compare it, e.g. 'a.x > 0'", 10),
    ] as [(String, String, Int)])
    func malformedClaims(body: String, message: String, offset: Int) throws {
        let error = try #require(parseError(body))
        #expect(error.message == message)
        #expect(error.location.column == start.column + offset)
    }

    @Test func unknownNamesAreReportedWithSuggestions() throws {
        let declared = [
            ValueName(experiment: "lk-gaussian-fit", key: "sigma-ml"),
            ValueName(experiment: "lk-gaussian-fit", key: "sigma-true"),
            ValueName(experiment: "lk-gaussian-fit", key: "samples", kind: .parameter),
            ValueName(experiment: "fit", key: "loss"),
        ]
        let claim = try parse("check lk-gausian-fit.sigma-ml > lk-gaussian-fit.sigma-lm + lk-gaussian-fit.param.sample + fit.loss-1").expression
        let unknown = claim.names.filter { !declared.contains($0.name) }
        #expect(unknown.count == 4)
        let errors = unknown.map { claim.unknownName($0, candidates: declared) }
        #expect(errors[0].message == "unknown experiment 'lk-gausian-fit' (did you mean 'lk-gaussian-fit'?)")
        #expect(errors[0].caret == "      ^~~~~~~~~~~~~~")
        #expect(errors[1].message == "experiment 'lk-gaussian-fit' has no value 'sigma-lm' (did you mean 'sigma-ml'?)")
        #expect(errors[1].location.column == start.column + 48)
        #expect(errors[1].caret == String(repeating: " ", count: 48) + "^" + String(repeating: "~", count: 7))
        #expect(errors[2].message == "experiment 'lk-gaussian-fit' has no parameter 'sample' (did you mean 'samples'?)")
        #expect(errors[3].message == "experiment 'fit' has no value 'loss-1' (did you mean 'loss'?); to subtract, put spaces around '-': 'fit.loss - 1'")
    }

    @Test func theCallerCanReportAtAnyRange() throws {
        let claim = try parse("check a.x > 1").expression
        let error = claim.error("something about a.x", at: claim.names[0].range)
        #expect(error.location.column == start.column + 6)
        #expect(error.caret == "      ^~~")
    }
}
