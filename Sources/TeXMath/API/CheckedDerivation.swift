import XMLTree
import SourceErrors

/// A ` ```derivation ` block whose every step held at all sample points, ready to render.
public struct CheckedDerivation: Sendable {
    /// `<math display="block">` with the chain as an aligned table, one row per line of the block.
    public let mathML: Node
    /// E.g. `checked at 64 points over z ∈ [−6, 6], y ∈ {0, 1}`.
    public let note: String
    public let pointCount: Int
    /// How many relations (`=`, `\le`, `\ge`) were checked.
    public let stepCount: Int

    /// How many points every derivation is checked at.
    public static let samplePoints = 64
    /// Fixed, so two builds check (and report) the same points.
    static let seed: UInt64 = 0x1055_5EED

    /// Parses and checks a derivation block.
    ///
    /// - Parameters:
    ///   - body: the lines between the fences: `given:` and `define:` lines, then the chain.
    ///   - file: the chapter file, for error locations.
    ///   - line: the file line of the body's first line.
    /// - Throws: a located `LocatedError` for a syntax error, an undefined variable, an empty domain,
    ///   an expression that cannot be evaluated, or a step that does not hold (with both values and the point).
    public init(_ body: String, file: String, line: Int) throws(LocatedError) {
        let block = try DerivationBlock(body, file: file, line: line)
        let chain = block.chain
        let steps = try DerivationSteps(block.steps, in: chain)
        let lowering = Lowering(functions: block.arities, scalars: block.scalars, vectors: block.vectors)
        var expressions: [Expression] = []
        for part in steps.expressions {
            let expression: Expression
            do {
                expression = try lowering.expression(part.nodes, at: part.range)
            } catch {
                throw chain.error(error.message, at: error.range)
            }
            expressions.append(expression)
        }
        // Compiled once, evaluated at every point.
        var program = Evaluator.Program(functions: block.functions)
        let compiled = expressions.map { program.compile($0) }
        var generator = SplitMix64(seed: Self.seed)
        // Each expression at each point may spend `Evaluator.workBudget`; a chain of hundreds of
        // steps could still spend billions in all, so the whole derivation has a budget too.
        var workLeft = Evaluator.derivationWorkBudget
        for _ in 0..<Self.samplePoints {
            let point = Self.sample(block, &generator)
            var environment = program.environment(point)
            var values: [(value: Double, noise: Double)] = []
            for (index, expression) in compiled.enumerated() {
                var state = EvaluationState(location: steps.expressions[index].range)
                let value: Double
                do {
                    value = try program.value(expression, in: &environment, state: &state)
                } catch {
                    throw chain.error(error.message, at: error.range)
                }
                workLeft -= Evaluator.workBudget - state.remainingWork
                guard workLeft >= 0 else {
                    throw chain.error(
                        "too much work to check: over \(Evaluator.derivationWorkBudget) evaluation steps in all "
                            + "(every step at \(Self.samplePoints) points)",
                        at: steps.expressions[index].range)
                }
                guard value.isFinite else {
                    throw chain.error(
                        "cannot be evaluated\(Self.at(point, block)): the value is \(value.isNaN ? "nan" : "\(value)")",
                        at: steps.expressions[index].range)
                }
                values.append((value, state.noise))
            }
            for (index, relation) in steps.relations.enumerated() {
                let (a, b) = (values[index], values[index + 1])
                let tolerance = max(1e-12 + a.noise + b.noise, 1e-8 * max(abs(a.value), abs(b.value)))
                let holds: Bool
                let symbol = relation.relation ?? "="
                switch symbol {
                case "≤", "<": holds = a.value <= b.value + tolerance
                case "≥", ">": holds = a.value >= b.value - tolerance
                default: holds = abs(a.value - b.value) <= tolerance
                }
                if !holds {
                    throw chain.error(
                        "step does not hold\(Self.at(point, block)): "
                            + "left side \(a.value), right side \(b.value) (tolerance \(tolerance))",
                        at: relation.range)
                }
            }
        }
        self.pointCount = Self.samplePoints
        self.stepCount = steps.relations.count
        let over = block.variables.map { "\($0.name) ∈ \($0.domain.description)" }.joined(separator: ", ")
        self.note = over.isEmpty
            ? "checked numerically (no free variables)"
            : "checked at \(Self.samplePoints) points over \(over)"
        let renderer = MathMLRenderer(display: true)
        let table = renderer.render(steps.alignedTable, display: true, font: nil)
        self.mathML = MathMLDocument.math(table, tex: chain.text, attributes: [["display": "block"]])
    }

    /// The equation followed by its note, as one block for a page.
    public func figure() -> Node {
        .el("div", [["class": "texmath-derivation"]], [
            mathML,
            .el("p", [["class": "texmath-derivation-note"]], text: note),
        ])
    }

    private static func sample(_ block: DerivationBlock, _ generator: inout SplitMix64) -> SamplePoint {
        var point = SamplePoint(scalars: block.sizes.mapValues(Double.init), vectors: [:])
        for (name, domain) in block.variables {
            if let length = domain.length {
                point.vectors[name] = (0..<length).map { _ in domain.sampleScalar(&generator) }
            } else {
                point.scalars[name] = domain.sampleScalar(&generator)
            }
        }
        return point
    }

    /// `z = 1.234, y = 1, x = [0.5, −1.25, 2.0]` in full precision so a reader can reproduce the failure.
    /// ` at x = 0.5, y = …` for an error message; nothing for a block without variables.
    private static func at(_ point: SamplePoint, _ block: DerivationBlock) -> String {
        block.variables.isEmpty ? "" : " at " + describe(point, block)
    }

    private static func describe(_ point: SamplePoint, _ block: DerivationBlock) -> String {
        block.variables.map { name, domain in
            if domain.length != nil {
                return "\(name) = " + describe(point.vectors[name] ?? [])
            }
            return "\(name) = \(point.scalars[name] ?? .nan)"
        }.joined(separator: ", ")
    }

    /// A vector in full, or, past `shownElements`, its first and last few elements and its length:
    /// a wrong step with a vector of 100,000 elements printed a line of megabytes.
    static func describe(_ vector: [Double]) -> String {
        guard vector.count > Self.shownElements else { return "[" + vector.map { "\($0)" }.joined(separator: ", ") + "]" }
        let end = Self.shownElements / 2
        let first = vector.prefix(end).map { "\($0)" }
        let last = vector.suffix(end).map { "\($0)" }
        return "[" + (first + ["…"] + last).joined(separator: ", ") + "] (\(vector.count) elements)"
    }

    /// The most elements of a vector an error message shows.
    static let shownElements = 10
}
