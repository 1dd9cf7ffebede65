import Claims
import Testing
import SourceErrors

/// What parses, into which tree: the two forms, numbers, names, strings and precedence.
@Suite struct GrammarTests {
    @Test(arguments: [
        ("check a.x > 0", true),
        ("  check(a.x > 0)", true),
        ("\tif a.x > 0 then \"a\" else \"b\"", true),
        ("check", true),
        ("a.x", false),
        ("a.x | fixed:3", false),
        ("check.x", false),
        ("if-exp.key", false),
        ("checks.x", false),
        ("iffy", false),
        ("", false),
        ("   ", false),
        ("1 + 2", false),
    ])
    func recognizesChecksAndChoicesByTheirFirstWord(body: String, expected: Bool) {
        #expect(InlineExpression.recognizes(body) == expected)
    }

    @Test func checkAndChoice() throws {
        guard case .check(let claim) = try parse("check a.x > 0") else { Issue.record("not a check"); return }
        #expect(claim.text == "a.x > 0")
        #expect(claim.type == .boolean)
        #expect(claim.range == 6..<13)

        let choice = try parse(#"if a.x > 0 then "*above*" else "below \"zero\" \\ \*""#)
        guard case .choice(let condition, let then, let otherwise) = choice else { Issue.record("not a choice"); return }
        #expect(condition.text == "a.x > 0")
        #expect(then == "*above*")
        // `\"` and `\\` are resolved; any other backslash stays for Markdown.
        #expect(otherwise == #"below "zero" \ \*"#)
    }

    @Test(arguments: [
        ("2", 2.0), ("0.5", 0.5), (".5", 0.5), ("1e-3", 1e-3), ("1E+3", 1000.0), ("2.5e2", 250.0), ("007", 7.0),
    ])
    func numbers(text: String, value: Double) throws {
        let root = try ClaimExpression.parse(text, at: start).root
        #expect(root == .number(value, 0..<text.utf8.count))
    }

    @Test func namesKeepTheirDashes() throws {
        let expression = try ClaimExpression.parse("lk-gaussian-fit.sigma-ml - lk-gaussian-fit.sigma_true.mean", at: start)
        #expect(expression.names.map(\.name) == [
            ValueName(experiment: "lk-gaussian-fit", key: "sigma-ml"),
            ValueName(experiment: "lk-gaussian-fit", key: "sigma_true"),
        ])
        #expect(expression.names.map(\.aggregate) == [nil, .mean])
        #expect(expression.names.map(\.range) == [0..<24, 27..<58])
        #expect(shape(expression.root) == "(lk-gaussian-fit.sigma-ml - lk-gaussian-fit.sigma_true.mean)")
    }

    @Test func aMinusBetweenNameCharactersIsPartOfTheName() throws {
        // No space on either side: one name (an unknown one, for the caller to report).
        #expect(try tree("a.x-b") == "a.x-b")
        #expect(try tree("a.x-1") == "a.x-1")
        // A space or a bracket on one side is enough to make it a minus.
        #expect(try tree("a.x - b.y") == "(a.x - b.y)")
        #expect(try tree("a.x -b.y") == "(a.x - b.y)")
        #expect(try tree("a.x- b.y") == "(a.x - b.y)")
        #expect(try tree("(a.x)-1") == "(a.x - 1)")
        #expect(try tree("a.x-(1)") == "(a.x - 1)")
        #expect(try tree("a.x--1") == "(a.x - (- 1))")
        #expect(try tree("-a.x") == "(- a.x)")
    }

    @Test func aMinusRunningOnFromANumberIsAnError() throws {
        let error = try #require(parseError("check 2-1 > 0"))
        #expect(error.message == "'2-1' is not a number: a '-' between letters or digits belongs to a name; to subtract, put spaces around it")
        #expect(error.caret == "      ^~~")
        #expect(parseError("check 1e-3-a.x > 0")?.message.hasPrefix("'1e-3-a.x' is not a number") == true)
        #expect(try tree("2 - 1") == "(2 - 1)")
        #expect(try tree("1e-3 - 1") == "(0.001 - 1)")
    }

    @Test func parametersAndAggregates() throws {
        let expression = try ClaimExpression.parse(
            "fit.param.learning_rate + fit.loss.mean + fit.loss.sd + fit.loss.min + fit.loss.max + fit.param.mean", at: start)
        #expect(expression.names.map(\.text) == [
            "fit.param.learning_rate", "fit.loss.mean", "fit.loss.sd", "fit.loss.min", "fit.loss.max", "fit.param.mean",
        ])
        #expect(expression.names.map(\.name.kind) == [.parameter, .output, .output, .output, .output, .parameter])
        #expect(expression.names.map(\.aggregate) == [nil, .mean, .sd, .min, .max, nil])
    }

    @Test func namesInsideQuantifiersAreReadPerSeed() throws {
        let expression = try ClaimExpression.parse("fit.a > 0 and all(fit.a > fit.b.mean and fit.a > fit.param.p)", at: start)
        #expect(expression.names.map(\.isPerSeed) == [false, true, false, true, false])
    }

    @Test(arguments: [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("1 * 2 + 3", "((1 * 2) + 3)"),
        ("1 - 2 - 3 + 4", "(1 - 2 - 3 + 4)"),
        ("1 / 2 * 3", "(1 / 2 * 3)"),
        ("(1 + 2) * 3", "((1 + 2) * 3)"),
        ("-1 * 2", "((- 1) * 2)"),
        ("- -1", "(- (- 1))"),
        ("-abs(1) * 2", "((- (abs 1)) * 2)"),
        ("2 * -3", "(2 * (- 3))"),
        ("1 + 2 < 3 * 4", "((1 + 2) < (3 * 4))"),
        ("1 < 2 and 3 < 4 or 5 < 6", "(or (and (1 < 2) (3 < 4)) (5 < 6))"),
        ("1 < 2 or 3 < 4 and 5 < 6", "(or (1 < 2) (and (3 < 4) (5 < 6)))"),
        ("1 < 2 and 3 < 4 and 5 < 6", "(and (1 < 2) (3 < 4) (5 < 6))"),
        ("not 1 < 2", "(not (1 < 2))"),
        ("not 1 < 2 and 3 < 4", "(and (not (1 < 2)) (3 < 4))"),
        ("not not 1 < 2", "(not (not (1 < 2)))"),
        ("1 < 2 and not 3 < 4", "(and (1 < 2) (not (3 < 4)))"),
        ("min(1, 2 + 3, max(4, 5))", "(min 1 (2 + 3) (max 4 5))"),
        ("all(a.x < 1) or any(a.x > 2)", "(or (all (a.x < 1)) (any (a.x > 2)))"),
        ("1 == 2", "(1 == 2)"), ("1 != 2", "(1 != 2)"), ("1 <= 2", "(1 <= 2)"), ("1 >= 2", "(1 >= 2)"),
        ("exp(log(2))", "(exp (log 2))"),
        ("abs (1)", "(abs 1)"),
    ])
    func precedence(text: String, expected: String) throws {
        #expect(try tree(text) == expected)
    }

    @Test func typesAreKnownFromTheTree() throws {
        #expect(try ClaimExpression.parse("a.x + 1", at: start).type == .number)
        #expect(try ClaimExpression.parse("(a.x < 1)", at: start).type == .boolean)
        #expect(try ClaimExpression.parse("all(a.x < 1)", at: start).type == .boolean)
    }
}

extension GrammarTests {
    @Test func namesKnowTheirLineAndColumn() throws {
        let expression = try parse("check a.x > 0\n  and\tb.y < 1\n\nor c.z == 2").expression
        #expect(expression.names.map(\.location) == [
            TextLocation(file: "chapters/03-test.md", line: 12, column: start.column + 6),
            TextLocation(file: "chapters/03-test.md", line: 13, column: 7),
            TextLocation(file: "chapters/03-test.md", line: 15, column: 4),
        ])
    }
}
