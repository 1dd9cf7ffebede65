import Claims
import Testing
import SourceErrors

/// Where test bodies start: the first byte after `{{` on line 12, column 9 of a chapter.
let start = TextLocation(file: "chapters/03-test.md", line: 12, column: 9)

func parse(_ body: String) throws -> InlineExpression {
    try InlineExpression.parse(body, at: start)
}

/// The error parsing `body` gives, or nil when it parses.
func parseError(_ body: String) -> LocatedError? {
    do {
        _ = try InlineExpression.parse(body, at: start)
        return nil
    } catch {
        return error
    }
}

/// The bare expression's tree as an S-expression, brackets dropped: the shape precedence gave it.
func tree(_ text: String) throws -> String {
    shape(try ClaimExpression.parse(text, at: start).root)
}

func shape(_ node: ClaimExpression.Node) -> String {
    switch node {
    case .number(let value, _): value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    case .name(let use): use.text
    case .group(let inner, _): shape(inner)
    case .negate(let operand, _): "(- \(shape(operand)))"
    case .arithmetic(let first, let steps, _):
        "(" + ([shape(first)] + steps.map { "\($0.op.rawValue) \(shape($0.operand))" }).joined(separator: " ") + ")"
    case .call(let function, let arguments, _): "(\(function.rawValue) " + arguments.map(shape).joined(separator: " ") + ")"
    case .comparison(let left, let op, let right, _): "(\(shape(left)) \(op.rawValue) \(shape(right)))"
    case .not(let operand, _): "(not \(shape(operand)))"
    case .and(let operands, _): "(and " + operands.map(shape).joined(separator: " ") + ")"
    case .or(let operands, _): "(or " + operands.map(shape).joined(separator: " ") + ")"
    case .quantifier(let kind, let body, _): "(\(kind.rawValue) \(shape(body)))"
    }
}

/// The results of a small book: one-seed and five-seed experiments, and parameters.
let results: [ValueName: [Double]] = [
    ValueName(experiment: "lk-gaussian-fit", key: "sigma-ml"): [0.303],
    ValueName(experiment: "lk-gaussian-fit", key: "sigma-true"): [0.3],
    ValueName(experiment: "lk-gaussian-fit", key: "samples", kind: .parameter): [200],
    ValueName(experiment: "fit", key: "loss-initial"): [0.69, 0.70, 0.71, 0.70, 0.69],
    ValueName(experiment: "fit", key: "loss-final"): [0.21, 0.25, 0.51, 0.22, 0.23],
    ValueName(experiment: "fit", key: "steps"): [100, 100, 100, 100, 100],
    ValueName(experiment: "fit", key: "learning_rate", kind: .parameter): [0.1],
    ValueName(experiment: "other", key: "loss"): [0.1, 0.2, 0.3],
    ValueName(experiment: "one", key: "zero"): [0],
    ValueName(experiment: "one", key: "negative"): [-2],
    ValueName(experiment: "one", key: "half"): [0.5],
]

/// What `text`, parsed as a bare expression, evaluates to against `results`.
func evaluate(_ text: String, in environment: [ValueName: [Double]] = results) throws -> Evaluation {
    try ClaimExpression.parse(text, at: start).evaluate(in: environment)
}

/// The error evaluating `text` gives, or nil when it evaluates.
func evaluationError(_ text: String, in environment: [ValueName: [Double]] = results) throws -> LocatedError? {
    let expression = try ClaimExpression.parse(text, at: start)
    do {
        _ = try expression.evaluate(in: environment)
        return nil
    } catch {
        return error
    }
}
