import SourceErrors
/// Prints an evaluated expression as a sentence: the expression as written,
/// each name followed by its value, then what the whole came to.
///
///     lk-gaussian-fit.sigma-ml = 0.3030 > lk-gaussian-fit.sigma-true = 0.3000 is false
///     abs((a.x = 0.3030) - (b.y = 0.3000)) = 0.003000 < 1e-3 is false
///     all(a.loss-final = 0.5100 < a.loss-initial = 0.5000) at seed 3 of 5 is false
///     all(a.loss-final ∈ [0.2100, 0.2500] < a.loss-initial ∈ [0.6900, 0.7100]) over 5 seeds is true
///
/// Choices it makes for the reader:
/// - A name inside arithmetic is bracketed with its value, `(a.x = 0.3030) + 1`,
///   so the `=` cannot be read as binding to the sum.
/// - A side of a comparison that is computed shows its value too, so the
///   comparison that decided the claim can be read off directly.
/// - Numbers have four significant digits; when the two sides of a comparison
///   would print alike although they differ (beyond the tolerance of `==`),
///   that comparison gets as many digits as it takes to tell them apart, so a
///   sentence never says `0.3000 >= 0.3000 is false`.
/// - A quantifier shows its condition at the seed that decided it (the first
///   that fails `all`, the first that satisfies `any`); when every seed agreed,
///   it shows each name's range over the seeds.
/// - Numbers written in the claim are printed as written.
struct SentenceRenderer {
    let source: LocatedText
    let tape: Tape

    /// Which values a node is printed with: one seed (nil outside a quantifier), or the range over several.
    private enum Scope {
        case seed(Int?)
        case seeds(Int)
    }

    /// The whole expression and what it came to: `… is true`, `… is false`, or `… = 0.5000` for a number.
    func sentence(_ root: ClaimExpression.Node) -> String {
        var text = ""
        write(root, .seed(nil), digits: NumberText.defaultDigits, into: &text)
        switch tape.value(of: root, seed: nil) {
        case .boolean(let value)?:
            text += value ? " is true" : " is false"
        case .number?:
            if !isLeaf(root) { text += " " + show(root, .seed(nil), digits: NumberText.defaultDigits) }
        case nil:
            break
        }
        return text
    }

    // The recursive path: `write` does one switch and calls a helper for anything
    // more, so its frame stays small in debug builds; text is appended to one
    // string, so printing is linear in the length of the sentence.

    private func write(_ node: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        switch node {
        case .number(_, let range): text += source.slice(range)
        case .name(let use): writeName(use, node, scope, digits: digits, into: &text)
        case .group(let inner, _): writeGroup(inner, scope, digits: digits, into: &text)
        case .negate(let operand, _): writeNegation(operand, scope, digits: digits, into: &text)
        case .arithmetic(let first, let steps, _): writeArithmetic(first, steps, scope, digits: digits, into: &text)
        case .call(let function, let arguments, _): writeCall(function, arguments, scope, digits: digits, into: &text)
        case .comparison(let left, let op, let right, _): writeComparison(left, op, right, scope, digits: digits, into: &text)
        case .not(let operand, _): writeNot(operand, scope, digits: digits, into: &text)
        case .and(let operands, _): writeChain(operands, " and ", scope, digits: digits, into: &text)
        case .or(let operands, _): writeChain(operands, " or ", scope, digits: digits, into: &text)
        case .quantifier(let kind, let body, _): writeQuantifier(kind, body, digits: digits, into: &text)
        }
    }

    private func writeName(_ use: NameUse, _ node: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        text += use.text + " " + show(node, scope, digits: digits)
    }

    private func writeGroup(_ inner: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        text += "("
        write(inner, scope, digits: digits, into: &text)
        text += ")"
    }

    private func writeNegation(_ operand: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        text += "-"
        writeOperand(operand, scope, digits: digits, into: &text)
    }

    private func writeArithmetic(
        _ first: ClaimExpression.Node, _ steps: [ClaimExpression.Step], _ scope: Scope, digits: Int, into text: inout String
    ) {
        writeOperand(first, scope, digits: digits, into: &text)
        for step in steps {
            text += " " + step.op.rawValue + " "
            writeOperand(step.operand, scope, digits: digits, into: &text)
        }
    }

    private func writeCall(
        _ function: ClaimFunction, _ arguments: [ClaimExpression.Node], _ scope: Scope, digits: Int, into text: inout String
    ) {
        text += function.rawValue + "("
        for (index, argument) in arguments.enumerated() {
            if index > 0 { text += ", " }
            write(argument, scope, digits: digits, into: &text)
        }
        text += ")"
    }

    private func writeComparison(
        _ left: ClaimExpression.Node, _ op: ComparisonOperator, _ right: ClaimExpression.Node, _ scope: Scope, digits: Int,
        into text: inout String
    ) {
        let digits = comparisonDigits(left, right, scope, digits: digits)
        writeSide(left, scope, digits: digits, into: &text)
        text += " " + op.rawValue + " "
        writeSide(right, scope, digits: digits, into: &text)
    }

    private func writeNot(_ operand: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        text += "not "
        write(operand, scope, digits: digits, into: &text)
    }

    private func writeChain(_ operands: [ClaimExpression.Node], _ separator: String, _ scope: Scope, digits: Int, into text: inout String) {
        for (index, operand) in operands.enumerated() {
            if index > 0 { text += separator }
            write(operand, scope, digits: digits, into: &text)
        }
    }

    /// `all(…) at seed 3 of 5` for the seed that decided it, `all(…) over 5 seeds` when every seed agreed.
    private func writeQuantifier(_ kind: Quantifier, _ body: ClaimExpression.Node, digits: Int, into text: inout String) {
        var outcomes: [Bool] = []
        while case .boolean(let outcome)? = tape.value(of: body, seed: outcomes.count) { outcomes.append(outcome) }
        let count = outcomes.count
        let decisive = kind == .all ? outcomes.firstIndex(of: false) : outcomes.firstIndex(of: true)
        text += kind.rawValue + "("
        if let seed = decisive {
            write(body, .seed(seed), digits: digits, into: &text)
            text += ") at seed \(seed + 1) of \(count)"
        } else {
            write(body, .seeds(count), digits: digits, into: &text)
            text += ") over \(count) seed" + (count == 1 ? "" : "s")
        }
    }

    /// A name inside arithmetic in brackets with its value; anything else as it is.
    private func writeOperand(_ node: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        guard case .name = node else { return write(node, scope, digits: digits, into: &text) }
        text += "("
        write(node, scope, digits: digits, into: &text)
        text += ")"
    }

    /// A side of a comparison: a computed side shows its value after it.
    private func writeSide(_ node: ClaimExpression.Node, _ scope: Scope, digits: Int, into text: inout String) {
        write(node, scope, digits: digits, into: &text)
        if !isLeaf(node) { text += " " + show(node, scope, digits: digits) }
    }

    private func isLeaf(_ node: ClaimExpression.Node) -> Bool {
        switch node {
        case .number, .name: true
        default: false
        }
    }

    /// `= 0.3000`, or `∈ [0.2100, 0.2500]` over seeds that differ.
    private func show(_ node: ClaimExpression.Node, _ scope: Scope, digits: Int) -> String {
        let values = numbers(node, scope)
        guard let low = values.min(), let high = values.max() else { return "= ?" }
        let lowText = NumberText.format(low, digits: digits)
        let highText = NumberText.format(high, digits: digits)
        return lowText == highText ? "= \(lowText)" : "∈ [\(lowText), \(highText)]"
    }

    /// The numbers `node` had in `scope`.
    private func numbers(_ node: ClaimExpression.Node, _ scope: Scope) -> [Double] {
        switch scope {
        case .seed(let seed):
            return tape.value(of: node, seed: seed)?.number.map { [$0] } ?? []
        case .seeds(let count):
            return (0..<count).compactMap { tape.value(of: node, seed: $0)?.number }
        }
    }

    /// Enough digits that two sides which differ do not print alike.
    private func comparisonDigits(_ left: ClaimExpression.Node, _ right: ClaimExpression.Node, _ scope: Scope, digits: Int) -> Int {
        guard case .seed = scope, let a = numbers(left, scope).first, let b = numbers(right, scope).first,
            !ComparisonOperator.equalWithinTolerance(a, b)
        else { return digits }
        var digits = digits
        while digits < 17, NumberText.format(a, digits: digits) == NumberText.format(b, digits: digits) { digits += 1 }
        return digits
    }
}
