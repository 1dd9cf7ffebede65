import SourceErrors
extension ClaimExpression {
    /// Evaluates the expression with the values `environment` gives its names.
    ///
    /// Errors: a name the environment does not know, an output with no seeds,
    /// `.sd` of one seed, NaN, a division by zero, `log` of a number that is not
    /// positive, and a quantifier whose experiments have different numbers of
    /// seeds. A claim that comes out false is not an error here: see
    /// ``Evaluation/failure`` and ``InlineExpression/resolve(in:)``.
    public func evaluate(in environment: some ClaimEnvironment) throws(LocatedError) -> Evaluation {
        do {
            let data = try Evaluator.gather(self, from: environment)
            let evaluator = Evaluator(source: source, data: data)
            let value = try evaluator.value(root, seed: nil)
            return Evaluation(expression: self, value: value, trace: trace(evaluator), tape: evaluator.tape)
        } catch {
            throw source.error(error.message, at: error.range)
        }
    }

    /// Each name once per way it is read, with the values it was read as.
    private func trace(_ evaluator: Evaluator) -> [TracedName] {
        var traced: [TracedName] = []
        var seen: Set<String> = []
        let tape = evaluator.tape
        for use in names where seen.insert("\(use.text) \(use.isPerSeed)").inserted {
            let node = Node.name(use)
            var values: [Double] = []
            if use.isPerSeed {
                // Every seed the quantifier went through; the tape has them in order.
                while case .number(let value)? = tape.value(of: node, seed: values.count) { values.append(value) }
            } else if case .number(let value)? = tape.value(of: node, seed: nil) ?? tape.value(of: node, seed: 0) {
                values = [value]
            }
            traced.append(TracedName(use: use, values: values))
        }
        return traced
    }
}
