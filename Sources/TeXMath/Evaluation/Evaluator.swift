import Foundation
import SourceErrors

/// Values of the given variables at one sample point.
struct SamplePoint: Sendable {
    var scalars: [String: Double]
    var vectors: [String: [Double]]
}

/// Evaluates lowered expressions in `Double`.
///
/// Derivatives use central differences with one Richardson step: step h = 2^-10·max(1, |x|)
/// (a power of two, so x ± h is exact) gives truncation error O(h⁴) ≈ 1e-12 and rounding error
/// ≈ ε·|f|/h ≈ 2e-13·|f|. That rounding estimate is accumulated in `noise` so the comparison can
/// allow for it instead of loosening every check.
struct Evaluator: Sendable {
    /// Evaluation steps allowed per expression and point, so nested sums or derivatives cannot hang the build.
    static let workBudget = 500_000

    /// Evaluation steps allowed for a whole derivation: every expression at every point.
    static let derivationWorkBudget = 10_000_000

    var functions: [String: DefinedFunction]

    /// The deepest evaluation allowed, counted as it runs (`EvaluationState.depth`): one level
    /// per call of `Program.value` under way, one more while a lookup, call, sum or derivative
    /// is in its helpers, through the bodies of the functions an expression calls. A little
    /// above the 1,000 factors one expression may have (`Lowering.maximumFactors`), so anything
    /// that lowers on its own can be evaluated; measured at 2.2–2.9 KB per level in a debug
    /// build (deep arithmetic, chained calls, nested derivatives), that is at most 3.5 MB of stack.
    static let maximumDepth = 1_200

    /// The most terms a sum or product may have, so a huge bound cannot hang the build.
    static let maximumTerms = 1_000_000

    func value(_ expression: Expression, at point: SamplePoint, state: inout EvaluationState) throws(LocalError) -> Double {
        var program = Program(functions: functions)
        let compiled = program.compile(expression)
        var environment = program.environment(point)
        return try program.value(compiled, in: &environment, state: &state)
    }

    /// Expressions with every name replaced by a slot, and the defined functions
    /// compiled the same way, evaluated against arrays instead of dictionaries.
    ///
    /// A name's slot comes from a dictionary keyed by the same names, so a slot
    /// is bound exactly when the dictionary of `SamplePoint` would hold the name;
    /// the evaluation order, values and errors are those of the dictionary form.
    /// Sums, derivatives and calls bind a slot in place and restore it before
    /// they return (or throw).
    struct Program: Sendable {
        private var scalarSlots: [String: Int] = [:]
        private var vectorSlots: [String: Int] = [:]
        private let functionIndex: [String: Int]
        private var compiledFunctions: [Function] = []

        struct Function: Sendable {
            var parameters: [Int]
            var body: Compiled
        }

        enum Builtin: String, Sendable {
            case log, exp, sqrt, sin, cos, tan, sinh, cosh, tanh, max, min
        }

        indirect enum Compiled: Sendable {
            case constant(Double)
            case variable(Int, String, Range<Int>)
            case element(Int, String, index: Compiled, Range<Int>)
            case negate(Compiled)
            case absolute(Compiled)
            case add(Compiled, Compiled)
            case subtract(Compiled, Compiled)
            case multiply(Compiled, Compiled)
            case divide(Compiled, Compiled)
            case power(Compiled, Compiled)
            case builtin(Builtin, [Compiled], Range<Int>)
            /// A defined function by index, or nil for a name that is not one (an error when evaluated).
            case call(String, Int?, [Compiled], Range<Int>)
            case sum(Int, from: Compiled, to: Compiled, body: Compiled, Range<Int>)
            case product(Int, from: Compiled, to: Compiled, body: Compiled, Range<Int>)
            case derivative(Int, String, Compiled, Range<Int>)
        }

        /// The values bound at one point, by slot.
        struct Environment {
            var scalars: [Double?]
            var vectors: [[Double]?]
        }

        init(functions: [String: DefinedFunction]) {
            let names = functions.keys.sorted()
            functionIndex = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
            for name in names {
                let function = functions[name]!
                let parameters = function.parameters.map { scalarSlot($0) }
                compiledFunctions.append(Function(parameters: parameters, body: compile(function.body)))
            }
        }

        private mutating func scalarSlot(_ name: String) -> Int {
            if let slot = scalarSlots[name] { return slot }
            scalarSlots[name] = scalarSlots.count
            return scalarSlots.count - 1
        }

        private mutating func vectorSlot(_ name: String) -> Int {
            if let slot = vectorSlots[name] { return slot }
            vectorSlots[name] = vectorSlots.count
            return vectorSlots.count - 1
        }

        mutating func compile(_ expression: Expression) -> Compiled {
            switch expression {
            case .constant(let value): return .constant(value)
            case .variable(let name, let range): return .variable(scalarSlot(name), name, range)
            case .element(let name, let index, let range): return .element(vectorSlot(name), name, index: compile(index), range)
            case .negate(let a): return .negate(compile(a))
            case .absolute(let a): return .absolute(compile(a))
            case .add(let a, let b): return .add(compile(a), compile(b))
            case .subtract(let a, let b): return .subtract(compile(a), compile(b))
            case .multiply(let a, let b): return .multiply(compile(a), compile(b))
            case .divide(let a, let b): return .divide(compile(a), compile(b))
            case .power(let a, let b): return .power(compile(a), compile(b))
            case .call(let name, let arguments, let range):
                let compiled = arguments.map { compile($0) }
                // Built-in names win over defined functions, as they always did.
                if let builtin = Builtin(rawValue: name) { return .builtin(builtin, compiled, range) }
                return .call(name, functionIndex[name], compiled, range)
            case .sum(let index, let from, let to, let body, let range):
                return .sum(scalarSlot(index), from: compile(from), to: compile(to), body: compile(body), range)
            case .product(let index, let from, let to, let body, let range):
                return .product(scalarSlot(index), from: compile(from), to: compile(to), body: compile(body), range)
            case .derivative(let name, let body, let range):
                return .derivative(scalarSlot(name), name, compile(body), range)
            }
        }

        /// `point` by slot; names no expression uses are left out, as they are never read.
        func environment(_ point: SamplePoint) -> Environment {
            var environment = Environment(
                scalars: [Double?](repeating: nil, count: scalarSlots.count),
                vectors: [[Double]?](repeating: nil, count: vectorSlots.count))
            for (name, value) in point.scalars { if let slot = scalarSlots[name] { environment.scalars[slot] = value } }
            for (name, value) in point.vectors { if let slot = vectorSlots[name] { environment.vectors[slot] = value } }
            return environment
        }

        /// Recursive: one call per node of the expression and of the bodies of the functions it
        /// calls, each counted in `state` as it happens: one step of work (so the budget bounds
        /// the real work, however it is split between sums, calls and arithmetic) and one level
        /// of depth while it lasts (so the cap bounds the real recursion, exactly, with no model
        /// of frames to keep in step with this code). The cases that need more than their operands
        /// live in helpers so that this frame stays small in debug builds, where every case's
        /// temporaries get stack slots of their own.
        func value(_ expression: Compiled, in point: inout Environment, state: inout EvaluationState) throws(LocalError) -> Double {
            try state.enter()
            defer { state.depth -= 1 }
            switch expression {
            case .constant(let value):
                return value
            case .negate(let a):
                return -(try value(a, in: &point, state: &state))
            case .absolute(let a):
                return abs(try value(a, in: &point, state: &state))
            case .add(let a, let b):
                return try value(a, in: &point, state: &state) + value(b, in: &point, state: &state)
            case .subtract(let a, let b):
                return try value(a, in: &point, state: &state) - value(b, in: &point, state: &state)
            case .multiply(let a, let b):
                return try value(a, in: &point, state: &state) * value(b, in: &point, state: &state)
            case .divide(let a, let b):
                return try value(a, in: &point, state: &state) / value(b, in: &point, state: &state)
            case .power(let a, let b):
                return try power(a, b, in: &point, state: &state)
            case .variable, .element, .builtin, .call, .sum, .product, .derivative:
                return try compound(expression, in: &point, state: &state)
            }
        }

        /// The cases of `value` with more than two operands, out of its frame.
        private func compound(_ expression: Compiled, in point: inout Environment, state: inout EvaluationState) throws(LocalError) -> Double {
            // A second level: this frame and the helper it calls stand between two of `value`'s,
            // and together they are about the size of one (and twice that in a debug build).
            try state.descend()
            defer { state.depth -= 1 }
            switch expression {
            case .variable(let slot, let name, let range):
                guard let value = point.scalars[slot] else { throw LocalError("'\(name)' has no value here", at: range) }
                return value
            case .element(let slot, let name, let index, let range):
                return try element(slot, name, index, range, in: &point, state: &state)
            case .builtin(let builtin, let arguments, _):
                return try call(builtin, arguments, in: &point, state: &state)
            case .call(let name, let index, let arguments, let range):
                return try call(name, index, arguments, range, in: &point, state: &state)
            case .sum(let index, let from, let to, let body, let range):
                return try iterate(index, from, to, body, in: &point, range: range, state: &state, start: 0, combine: +)
            case .product(let index, let from, let to, let body, let range):
                return try iterate(index, from, to, body, in: &point, range: range, state: &state, start: 1, combine: *)
            case .derivative(let slot, let name, let body, let range):
                return try derivative(of: body, by: slot, name, in: &point, range: range, state: &state)
            case .constant, .negate, .absolute, .add, .subtract, .multiply, .divide, .power:
                preconditionFailure("\(expression) is evaluated by value(_:in:state:)")
            }
        }

        private func element(
            _ slot: Int, _ name: String, _ index: Compiled, _ range: Range<Int>, in point: inout Environment, state: inout EvaluationState
        ) throws(LocalError) -> Double {
            let position = try value(index, in: &point, state: &state)
            guard let vector = point.vectors[slot] else { throw LocalError("'\(name)' is not a vector", at: range) }
            guard position == position.rounded(), position >= 1, position <= Double(vector.count) else {
                throw LocalError("index \(position) is outside 1…\(vector.count) of '\(name)'", at: range)
            }
            return vector[Int(position) - 1]
        }

        private func power(_ a: Compiled, _ b: Compiled, in point: inout Environment, state: inout EvaluationState) throws(LocalError) -> Double {
            pow(try value(a, in: &point, state: &state), try value(b, in: &point, state: &state))
        }

        private func call(
            _ builtin: Builtin, _ arguments: [Compiled], in point: inout Environment, state: inout EvaluationState
        ) throws(LocalError) -> Double {
            var values: [Double] = []
            for argument in arguments { values.append(try value(argument, in: &point, state: &state)) }
            switch builtin {
            case .log: return log(values[0])
            case .exp: return exp(values[0])
            case .sqrt: return values[0].squareRoot()
            case .sin: return sin(values[0])
            case .cos: return cos(values[0])
            case .tan: return tan(values[0])
            case .sinh: return sinh(values[0])
            case .cosh: return cosh(values[0])
            case .tanh: return tanh(values[0])
            case .max: return values.max()!
            case .min: return values.min()!
            }
        }

        private func call(
            _ name: String, _ index: Int?, _ arguments: [Compiled], _ range: Range<Int>, in point: inout Environment,
            state: inout EvaluationState
        ) throws(LocalError) -> Double {
            var values: [Double] = []
            for argument in arguments { values.append(try value(argument, in: &point, state: &state)) }
            guard let index else { throw LocalError("unknown function '\(name)'", at: range) }
            let function = compiledFunctions[index]
            // A defined function sees only its parameters and the sizes/vectors of the block.
            let saved = function.parameters.map { point.scalars[$0] }
            for (parameter, argument) in zip(function.parameters, values) { point.scalars[parameter] = argument }
            defer { for (parameter, old) in zip(function.parameters, saved).reversed() { point.scalars[parameter] = old } }
            return try value(function.body, in: &point, state: &state)
        }

        private func iterate(
            _ index: Int, _ from: Compiled, _ to: Compiled, _ body: Compiled, in point: inout Environment,
            range: Range<Int>, state: inout EvaluationState, start: Double, combine: (Double, Double) -> Double
        ) throws(LocalError) -> Double {
            let lower = try value(from, in: &point, state: &state)
            let upper = try value(to, in: &point, state: &state)
            guard lower == lower.rounded(), upper == upper.rounded() else {
                throw LocalError("the bounds of a sum must be integers, not \(lower) and \(upper)", at: range)
            }
            guard upper - lower < Double(Evaluator.maximumTerms) else {
                throw LocalError("a sum with more than \(Evaluator.maximumTerms) terms is not checked", at: range)
            }
            // Beyond 2⁵³ a Double no longer holds every integer (and beyond 2⁶³ an Int holds none of them).
            guard abs(lower) < 0x1p53, abs(upper) < 0x1p53 else {
                throw LocalError("the bounds of a sum must be below 2^53 in size, not \(lower) and \(upper)", at: range)
            }
            var result = start
            if upper < lower { return result }
            let saved = point.scalars[index]
            defer { point.scalars[index] = saved }
            for i in Int(lower)...Int(upper) {
                point.scalars[index] = Double(i)
                result = combine(result, try value(body, in: &point, state: &state))
            }
            return result
        }

        private func derivative(
            of body: Compiled, by slot: Int, _ name: String, in point: inout Environment, range: Range<Int>,
            state: inout EvaluationState
        ) throws(LocalError) -> Double {
            guard let x = point.scalars[slot] else {
                throw LocalError("cannot differentiate by '\(name)' here", at: range)
            }
            let scale = max(1, abs(x))
            let h = Double(sign: .plus, exponent: scale.exponent - 10, significand: 1)
            // Inner derivatives' noise is amplified by this difference quotient, so collect it separately.
            let outerNoise = state.noise
            state.noise = 0
            func f(_ offset: Double, _ state: inout EvaluationState) throws(LocalError) -> Double {
                point.scalars[slot] = x + offset
                defer { point.scalars[slot] = x }
                return try value(body, in: &point, state: &state)
            }
            let (far1, far2) = (try f(h, &state), try f(-h, &state))
            let (near1, near2) = (try f(h / 2, &state), try f(-h / 2, &state))
            let inner = state.noise
            state.noise = outerNoise
            let wide = (far1 - far2) / (2 * h)
            let narrow = (near1 - near2) / h
            let magnitude = max(abs(far1), abs(far2), abs(near1), abs(near2))
            // Rounding in the four values, amplified by 1/h and the Richardson weights, plus noise from inner derivatives.
            state.noise += 8 * Double.ulpOfOne * magnitude / h + 4 * inner / h
            return (4 * narrow - wide) / 3
        }
    }
}

/// What one evaluation accumulates: finite-difference noise, the work spent so far and the
/// depth it has reached, counted by `Evaluator.Program.value` as it runs.
struct EvaluationState: Sendable {
    /// Estimated absolute rounding error from derivatives, added to the comparison tolerance.
    var noise = 0.0
    /// Nodes that may still be evaluated: every node counts once each time it is evaluated,
    /// arithmetic in a function's body as much as a sum's terms or a call.
    var remainingWork = Evaluator.workBudget
    /// Levels under way (`Evaluator.maximumDepth`): how deep the evaluation has recursed right now.
    var depth = 0
    /// Where the evaluation's limits are reported: the expression being evaluated, not the
    /// node inside it (which may be in a `define:` line, with offsets of its own).
    let location: Range<Int>

    init(location: Range<Int> = 0..<0) {
        self.location = location
    }

    /// One more node under way: spends a step and goes one level deeper.
    mutating func enter() throws(LocalError) {
        remainingWork -= 1
        if remainingWork < 0 {
            throw LocalError("too much work to evaluate (over \(Evaluator.workBudget) steps at one point)", at: location)
        }
        try descend()
    }

    /// One level deeper, for a frame between two of `value`'s.
    mutating func descend() throws(LocalError) {
        guard depth < Evaluator.maximumDepth else {
            throw LocalError(
                "this expression nests more than \(Evaluator.maximumDepth) levels deep with the functions it calls; "
                    + "that many cannot be evaluated", at: location)
        }
        depth += 1
    }
}
