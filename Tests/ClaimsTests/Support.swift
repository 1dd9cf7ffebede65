import Claims
import Testing

/// Where test bodies start: the first byte after `{{` on line 12, column 9 of a chapter.
let start = ClaimLocation(file: "chapters/03-test.md", line: 12, column: 9)

func parse(_ body: String) throws -> InlineExpression {
    try InlineExpression.parse(body, at: start)
}

/// The error parsing `body` gives, or nil when it parses.
func parseError(_ body: String) -> ClaimError? {
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
