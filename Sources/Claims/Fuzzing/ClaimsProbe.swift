import SourceErrors
/// What must hold for any text between `{{` and `}}`, for the libFuzzer harness
/// `FuzzClaims` and its replay in the tests. Not API: `@_spi(Fuzzing)`.
@_spi(Fuzzing) public enum ClaimsProbe {
    /// Parses `body` as a claim or choice and as a bare expression, evaluates what
    /// parses against made-up values, resolves it and prints its sentence. Errors
    /// are fine answers; what breaks an invariant is described (empty when all hold):
    /// a body that parses is recognized as a claim or choice; every error lies in
    /// the body and has a caret; every name's range holds the name as written;
    /// a check throws "claim does not hold" exactly when it evaluates to false.
    public static func violations(in body: String) -> [String] {
        let start = TextLocation(file: "fuzz.md", line: 3, column: 7)
        var found: [String] = []
        func check(_ error: LocatedError, _ stage: String) {
            if error.location.line < start.line || error.location.column < 1 || error.location.file != start.file {
                found.append("\(stage): error located outside the body: \(error.location)")
            }
            if !error.caret.contains("^") || error.sourceLine.contains("\n") {
                found.append("\(stage): malformed caret or source line in \(error)")
            }
        }
        func inspect(_ expression: ClaimExpression, _ stage: String) {
            let bytes = Array(body.utf8)
            for use in expression.names {
                guard use.range.lowerBound >= 0, use.range.upperBound <= bytes.count,
                    String(decoding: bytes[use.range], as: UTF8.self) == use.text
                else {
                    found.append("\(stage): name '\(use.text)' does not match its range \(use.range)")
                    continue
                }
            }
            do {
                let evaluation = try expression.evaluate(in: MadeUpResults())
                if evaluation.sentence.isEmpty { found.append("\(stage): empty sentence") }
                if evaluation.value.type != expression.type { found.append("\(stage): value of the wrong type") }
            } catch {
                check(error, "\(stage) evaluation")
            }
        }

        do {
            let parsed = try InlineExpression.parse(body, at: start)
            if !InlineExpression.recognizes(body) { found.append("parses but is not recognized as a claim or choice") }
            inspect(parsed.expression, "inline")
            let evaluation = try? parsed.expression.evaluate(in: MadeUpResults())
            do {
                let outcome = try parsed.resolve(in: MadeUpResults())
                if case .check = parsed, evaluation?.holds != true { found.append("a check resolved although it does not hold") }
                if case .choice = parsed, outcome.words == nil { found.append("a choice picked no words") }
            } catch {
                check(error, "resolve")
                if error.message.hasPrefix("claim does not hold"), evaluation?.holds != false {
                    found.append("a check failed although it holds")
                }
            }
        } catch {
            check(error, "parse")
        }
        do {
            inspect(try ClaimExpression.parse(body, at: start), "bare")
        } catch {
            check(error, "bare parse")
        }
        return found
    }

    /// Values for any name, the same on every run: unknown names, one to three
    /// seeds, zeros, negatives, tiny and huge numbers, infinities and NaN.
    struct MadeUpResults: ClaimEnvironment {
        private static let pool: [Double] = [0, 1, -1, 0.5, 2, 0.3, 1e-300, 1e300, -7.25, 100, .infinity, .nan]

        func values(of name: ValueName) -> [Double]? {
            let hash = Self.hash(name.description)
            if hash % 13 == 0 { return nil }
            if name.kind == .parameter { return [Self.pool[Int(hash % UInt64(Self.pool.count))]] }
            let seeds = 1 + Int(Self.hash(name.experiment) % 3)
            return (0..<seeds).map { Self.pool[Int((hash >> UInt64(8 * $0)) % UInt64(Self.pool.count))] }
        }

        /// FNV-1a: `Hasher` is seeded per process, and a fuzzer's finds must replay.
        private static func hash(_ text: String) -> UInt64 {
            text.utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
    }
}
