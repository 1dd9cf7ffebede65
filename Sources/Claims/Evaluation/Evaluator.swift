import Foundation
import SourceErrors

/// Evaluates a parsed expression in `Double` against the values it names.
///
/// Every operand is evaluated, with no short cut past `and` and `or`, so an
/// error anywhere in a claim is reported whatever the values, and the trace
/// and sentence can show every part. Inside `all(…)` / `any(…)` the condition is
/// evaluated once per seed; `seed` is nil outside, where an output is its first
/// seed's value.
///
/// A class, so that its recursive functions do not copy `self` into their
/// frames in debug builds (see `Parser`).
final class Evaluator {
    let source: LocatedText
    /// Every output and parameter the expression names, as the environment gave them.
    let data: [ValueName: [Double]]
    /// The value of every node evaluated so far, for the sentence that shows them.
    private(set) var tape = Tape()

    init(source: LocatedText, data: [ValueName: [Double]]) {
        self.source = source
        self.data = data
    }

    /// Looks up every name of `expression` once, in source order, so an unknown
    /// name is reported where it is first written.
    static func gather(_ expression: ClaimExpression, from environment: some ClaimEnvironment) throws(LocalError) -> [ValueName: [Double]] {
        var data: [ValueName: [Double]] = [:]
        for use in expression.names where data[use.name] == nil {
            guard let values = environment.values(of: use.name) else {
                throw LocalError("no value for '\(use.name)'", at: use.range)
            }
            guard !values.isEmpty else {
                throw LocalError("'\(use.name)' has no values: its experiment returned no seeds", at: use.range)
            }
            data[use.name] = values
        }
        return data
    }

    // MARK: Values

    func value(_ node: ClaimExpression.Node, seed: Int?) throws(LocalError) -> ClaimValue {
        switch node.type {
        case .number: .number(try number(node, seed: seed))
        case .boolean: .boolean(try truth(node, seed: seed))
        }
    }

    // The recursive path: `number` and `truth` do one switch and call helpers for
    // anything more, so their frames stay small in debug builds, where every
    // temporary of a function gets a stack slot of its own.

    func number(_ node: ClaimExpression.Node, seed: Int?) throws(LocalError) -> Double {
        let value: Double
        switch node {
        case .number(let literal, _): value = literal
        case .name(let use): value = try read(use, seed: seed)
        case .group(let inner, _): value = try number(inner, seed: seed)
        case .negate(let operand, _): value = -(try number(operand, seed: seed))
        case .arithmetic(let first, let steps, let range): value = try arithmetic(first, steps, range, seed: seed)
        case .call(let function, let arguments, let range): value = try call(function, arguments, range, seed: seed)
        case .comparison, .not, .and, .or, .quantifier: throw mismatch(node, needs: .number)
        }
        tape.record(.number(value), for: node, seed: seed)
        return value
    }

    func truth(_ node: ClaimExpression.Node, seed: Int?) throws(LocalError) -> Bool {
        let value: Bool
        switch node {
        case .group(let inner, _): value = try truth(inner, seed: seed)
        case .comparison(let left, let op, let right, _): value = op.holds(try number(left, seed: seed), try number(right, seed: seed))
        case .not(let operand, _): value = !(try truth(operand, seed: seed))
        case .and(let operands, _): value = try all(operands, seed: seed)
        case .or(let operands, _): value = try any(operands, seed: seed)
        case .quantifier(let kind, let body, let range): value = try quantify(kind, body, range)
        case .number, .name, .negate, .arithmetic, .call: throw mismatch(node, needs: .boolean)
        }
        tape.record(.boolean(value), for: node, seed: seed)
        return value
    }

    private func arithmetic(
        _ first: ClaimExpression.Node, _ steps: [ClaimExpression.Step], _ range: Range<Int>, seed: Int?
    ) throws(LocalError) -> Double {
        var result = try number(first, seed: seed)
        for step in steps {
            let operand = try number(step.operand, seed: seed)
            if step.op == .divide, operand == 0 { throw divisionByZero(step.operand, seed: seed) }
            result = step.op.apply(result, operand)
        }
        if result.isNaN { throw notANumber(range) }
        return result
    }

    private func call(
        _ function: ClaimFunction, _ arguments: [ClaimExpression.Node], _ range: Range<Int>, seed: Int?
    ) throws(LocalError) -> Double {
        var values: [Double] = []
        for argument in arguments { values.append(try number(argument, seed: seed)) }
        return try apply(function, values, range, seed: seed)
    }

    /// Every operand is evaluated, whatever the first ones came to.
    private func all(_ operands: [ClaimExpression.Node], seed: Int?) throws(LocalError) -> Bool {
        var result = true
        for operand in operands {
            if !(try truth(operand, seed: seed)) { result = false }
        }
        return result
    }

    private func any(_ operands: [ClaimExpression.Node], seed: Int?) throws(LocalError) -> Bool {
        var result = false
        for operand in operands {
            if try truth(operand, seed: seed) { result = true }
        }
        return result
    }

    private func quantify(_ kind: Quantifier, _ body: ClaimExpression.Node, _ range: Range<Int>) throws(LocalError) -> Bool {
        let outcomes = try perSeed(kind, body, range: range)
        return kind == .all ? outcomes.allSatisfy { $0 } : outcomes.contains(true)
    }

    /// The condition of a quantifier at each seed.
    func perSeed(_ kind: Quantifier, _ body: ClaimExpression.Node, range: Range<Int>) throws(LocalError) -> [Bool] {
        let count = try seedCount(kind, body, range: range)
        var outcomes: [Bool] = []
        for seed in 0..<count { outcomes.append(try truth(body, seed: seed)) }
        return outcomes
    }

    /// How many seeds the per-seed names of a quantifier's condition have: the same for all, or an error.
    func seedCount(_ kind: Quantifier, _ body: ClaimExpression.Node, range: Range<Int>) throws(LocalError) -> Int {
        // The first per-seed name of each experiment, with its number of seeds, in source order.
        var seen: Set<ValueName> = []
        var counts: [(name: ValueName, count: Int)] = []
        body.forEachName { use in
            if use.isPerSeed, let values = data[use.name], seen.insert(use.name).inserted {
                counts.append((use.name, values.count))
            }
        }
        guard let first = counts.first else { return 1 }
        if counts.allSatisfy({ $0.count == first.count }) { return first.count }
        var byExperiment: [String: (name: ValueName, count: Int)] = [:]
        var order: [String] = []
        for (name, count) in counts {
            if let known = byExperiment[name.experiment] {
                if known.count != count {
                    throw LocalError("'\(known.name)' has \(known.count) seeds but '\(name)' has \(count)", at: range)
                }
            } else {
                byExperiment[name.experiment] = (name, count)
                order.append(name.experiment)
            }
        }
        let listed = order.map { "\($0) has \(byExperiment[$0]?.count ?? 0)" }.joined(separator: ", ")
        throw LocalError(
            "\(kind.rawValue)(…) needs the same number of seeds from every experiment it takes seed by seed: \(listed)", at: range)
    }

    // MARK: Names and functions

    /// A name's number: its aggregate, a parameter, the seed's value inside a quantifier, else the first seed's.
    func read(_ use: NameUse, seed: Int?) throws(LocalError) -> Double {
        guard let values = data[use.name], !values.isEmpty else {
            throw LocalError("no value for '\(use.name)'", at: use.range)
        }
        if let aggregate = use.aggregate {
            if let bad = values.firstIndex(where: \.isNaN) {
                throw LocalError("'\(use.name)' is NaN at seed \(bad + 1), so '\(use.text)' is not a number", at: use.range)
            }
            guard let value = aggregate.of(values) else {
                throw LocalError("'\(use.text)' needs two seeds or more; '\(use.name.experiment)' has \(values.count)", at: use.range)
            }
            return value
        }
        let index = use.isPerSeed ? (seed ?? 0) : 0
        guard index < values.count else {
            throw LocalError("'\(use.name)' has no seed \(index + 1)", at: use.range)
        }
        let value = values[index]
        if value.isNaN { throw LocalError("'\(use.name)' is NaN\(use.isPerSeed ? at(seed) : "")", at: use.range) }
        return value
    }

    private func apply(_ function: ClaimFunction, _ values: [Double], _ range: Range<Int>, seed: Int?) throws(LocalError) -> Double {
        let result: Double
        switch function {
        case .abs:
            result = Swift.abs(values[0])
        case .min:
            result = values.dropFirst().reduce(values[0]) { Swift.min($0, $1) }
        case .max:
            result = values.dropFirst().reduce(values[0]) { Swift.max($0, $1) }
        case .log:
            guard values[0] > 0 else {
                throw LocalError("log of \(NumberText.format(values[0], digits: 4)), which is not positive\(at(seed))", at: range)
            }
            result = log(values[0])
        case .exp:
            result = exp(values[0])
        }
        if result.isNaN { throw notANumber(range) }
        return result
    }

    // MARK: Messages

    private func mismatch(_ node: ClaimExpression.Node, needs type: ClaimType) -> LocalError {
        LocalError("'\(excerpt(node.range))' is \(node.type) where \(type) is needed", at: node.range)
    }

    private func divisionByZero(_ divisor: ClaimExpression.Node, seed: Int?) -> LocalError {
        LocalError("division by zero: '\(excerpt(divisor.range))' is 0\(at(seed))", at: divisor.range)
    }

    private func notANumber(_ range: Range<Int>) -> LocalError {
        LocalError("'\(excerpt(range))' is not a number (NaN)", at: range)
    }

    private func at(_ seed: Int?) -> String { seed.map { " at seed \($0 + 1)" } ?? "" }

    func excerpt(_ range: Range<Int>) -> String {
        let text = source.slice(range)
        return text.count <= 40 ? text : String(text.prefix(37)) + "…"
    }
}

extension ClaimExpression.Node {
    /// Calls `body` for every name in the tree, left to right.
    func forEachName(_ body: (NameUse) -> Void) {
        switch self {
        case .number: break
        case .name(let use): body(use)
        case .group(let inner, _), .negate(let inner, _), .not(let inner, _), .quantifier(_, let inner, _):
            inner.forEachName(body)
        case .arithmetic(let first, let steps, _):
            first.forEachName(body)
            for step in steps { step.operand.forEachName(body) }
        case .call(_, let operands, _), .and(let operands, _), .or(let operands, _):
            for operand in operands { operand.forEachName(body) }
        case .comparison(let left, _, let right, _):
            left.forEachName(body)
            right.forEachName(body)
        }
    }
}
