import Claims
import Testing
import SourceErrors

/// Values: arithmetic, functions, tolerance, aggregates over seeds, quantifiers, and what cannot be computed.
@Suite struct EvaluationTests {
    @Test(arguments: [
        ("1 + 2 * 3", 7.0),
        ("(1 + 2) * 3", 9.0),
        ("10 - 4 - 3", 3.0),
        ("12 / 3 / 2", 2.0),
        ("-2 * -3", 6.0),
        ("abs(-2.5)", 2.5),
        ("min(3, 1, 2)", 1.0),
        ("max(3, 1, 2)", 3.0),
        ("exp(0)", 1.0),
        ("log(1)", 0.0),
        ("lk-gaussian-fit.sigma-ml - lk-gaussian-fit.sigma-true", 0.303 - 0.3),
        ("lk-gaussian-fit.param.samples / 2", 100.0),
        ("fit.loss-final", 0.21),
    ])
    func numbers(text: String, value: Double) throws {
        let result = try #require(try evaluate(text).value.number)
        #expect(abs(result - value) <= 1e-15 * max(1, abs(value)))
    }

    @Test func equalityAllowsARelativeToleranceOf1e9() throws {
        #expect(try evaluate("0.1 + 0.2 == 0.3").holds)
        #expect(try evaluate("1 == 1 + 0.9e-9").holds)
        #expect(try !evaluate("1 == 1 + 1.1e-9").holds)
        #expect(try evaluate("1 != 1 + 1.1e-9").holds)
        #expect(try !evaluate("1e6 != 1e6 + 1e-4").holds)
        #expect(try evaluate("0 == 0").holds)
        #expect(try !evaluate("0 == 1e-300").holds)
        // The orderings agree with it: equal numbers are <= and >=, and not < or >.
        #expect(try evaluate("0.1 + 0.2 <= 0.3").holds)
        #expect(try evaluate("0.3 >= 0.1 + 0.2").holds)
        #expect(try !evaluate("0.3 < 0.1 + 0.2 + 1e-12").holds)
        #expect(try evaluate("0.3 < 0.1 + 0.2 + 1e-6").holds)
        #expect(try !evaluate("0.1 + 0.2 > 0.3").holds)
    }

    @Test func booleans() throws {
        #expect(try evaluate("1 < 2 and 2 < 3").holds)
        #expect(try !evaluate("1 < 2 and 3 < 2").holds)
        #expect(try evaluate("3 < 2 or 1 < 2").holds)
        #expect(try !evaluate("3 < 2 or 4 < 2").holds)
        #expect(try evaluate("not 3 < 2").holds)
        #expect(try evaluate("not (1 < 2 and 3 < 2)").holds)
    }

    @Test func anOutputOutsideAQuantifierIsItsFirstSeed() throws {
        #expect(try evaluate("fit.loss-final").value == .number(0.21))
        #expect(try evaluate("fit.loss-final < 0.3").holds)
    }

    @Test func aggregatesOverSeeds() throws {
        let values = [0.21, 0.25, 0.51, 0.22, 0.23]
        let mean = values.reduce(0, +) / 5
        let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 4).squareRoot()
        #expect(try evaluate("fit.loss-final.mean").value == .number(mean))
        #expect(try evaluate("fit.loss-final.sd").value == .number(sd))
        #expect(try evaluate("fit.loss-final.min").value == .number(0.21))
        #expect(try evaluate("fit.loss-final.max").value == .number(0.51))
        // n − 1: two seeds 1 and 3 have sd √2, not 1.
        let two: [ValueName: [Double]] = [ValueName(experiment: "t", key: "v"): [1, 3]]
        #expect(try evaluate("t.v.sd", in: two).value == .number(2.0.squareRoot()))
        #expect(Aggregate.sd.of([1, 3]) == 2.0.squareRoot())
        #expect(Aggregate.sd.of([1]) == nil)
        #expect(Aggregate.mean.of([]) == nil)
    }

    @Test func sdOfOneSeedIsAnError() throws {
        let error = try #require(try evaluationError("1 + lk-gaussian-fit.sigma-ml.sd"))
        #expect(error.message == "'lk-gaussian-fit.sigma-ml.sd' needs two seeds or more; 'lk-gaussian-fit' has 1")
        #expect(error.location.column == start.column + 4)
    }

    @Test func allAndAnyGoSeedBySeed() throws {
        // loss-final < loss-initial at every seed; < 0.5 at all but the third.
        #expect(try evaluate("all(fit.loss-final < fit.loss-initial)").holds)
        #expect(try !evaluate("all(fit.loss-final < 0.5)").holds)
        #expect(try evaluate("any(fit.loss-final > 0.5)").holds)
        #expect(try !evaluate("any(fit.loss-final > fit.loss-initial)").holds)
        // Aggregates stay aggregates inside: 0.51 is the only seed above the mean + sd.
        #expect(try evaluate("any(fit.loss-final > fit.loss-final.mean + fit.loss-final.sd)").holds)
        #expect(try !evaluate("all(fit.loss-final > fit.loss-final.mean)").holds)
        // Parameters are the same at every seed.
        #expect(try evaluate("all(fit.loss-final * fit.param.learning_rate < 0.06)").holds)
        // Outside the quantifier the same name is the first seed.
        #expect(try evaluate("fit.loss-final == 0.21 and any(fit.loss-final == 0.51)").holds)
    }

    @Test func theTraceListsEveryNameWithItsValues() throws {
        let evaluation = try evaluate("fit.loss-final < 0.3 and all(fit.loss-final < fit.loss-initial.mean) and fit.param.learning_rate > 0")
        #expect(evaluation.trace.map(\.use.text) == ["fit.loss-final", "fit.loss-final", "fit.loss-initial.mean", "fit.param.learning_rate"])
        #expect(evaluation.trace.map(\.use.isPerSeed) == [false, true, false, false])
        #expect(evaluation.trace[0].values == [0.21])
        #expect(evaluation.trace[1].values == [0.21, 0.25, 0.51, 0.22, 0.23])
        #expect(evaluation.trace[2].values.count == 1)
        #expect(abs(evaluation.trace[2].values[0] - 0.698) < 1e-12)
        #expect(evaluation.trace[3].values == [0.1])
    }

    @Test func experimentsInAQuantifierMustHaveAsManySeeds() throws {
        let error = try #require(try evaluationError("1 < 2 and all(fit.loss-final < other.loss)"))
        #expect(error.message == "all(…) needs the same number of seeds from every experiment it takes seed by seed: fit has 5, other has 3")
        #expect(error.location.column == start.column + 10)
        #expect(error.caret == String(repeating: " ", count: 10) + "^" + String(repeating: "~", count: 31))
        // Aggregates and parameters of other experiments are constants, so they do not count.
        #expect(try evaluate("all(fit.loss-final < other.loss.max + lk-gaussian-fit.param.samples)").holds)
    }

    @Test func resolvingAChoicePicksItsWords() throws {
        let above = try parse(#"if lk-gaussian-fit.sigma-ml > lk-gaussian-fit.sigma-true then "above" else "below""#)
        #expect(try above.resolve(in: results).words == "above")
        let below = try parse(#"if fit.loss-final.mean > 1 then "above" else "below""#)
        let outcome = try below.resolve(in: results)
        #expect(outcome.words == "below")
        #expect(!outcome.evaluation.holds)
    }

    @Test func resolvingAFalseCheckThrowsWithTheSentence() throws {
        let check = try parse("check lk-gaussian-fit.sigma-ml < lk-gaussian-fit.sigma-true")
        #expect(throws: LocatedError.self) { try check.resolve(in: results) }
        do {
            _ = try check.resolve(in: results)
        } catch {
            #expect(error.message == "claim does not hold: lk-gaussian-fit.sigma-ml = 0.3030 < lk-gaussian-fit.sigma-true = 0.3000 is false")
            #expect(error.location.column == start.column + 6)
        }
        let holds = try parse("check lk-gaussian-fit.sigma-ml > lk-gaussian-fit.sigma-true")
        let outcome = try holds.resolve(in: results)
        #expect(outcome.words == nil)
        #expect(outcome.evaluation.holds)
        #expect(outcome.evaluation.failure == nil)
    }

    @Test(arguments: [
        ("1 / one.zero", "division by zero: 'one.zero' is 0", 4),
        ("1 / (one.zero * 2)", "division by zero: '(one.zero * 2)' is 0", 4),
        ("log(one.negative)", "log of -2, which is not positive", 0),
        ("log(0)", "log of 0, which is not positive", 0),
        ("exp(1000) - exp(1000)", "'exp(1000) - exp(1000)' is not a number (NaN)", 0),
        ("missing.value + 1", "no value for 'missing.value'", 0),
        ("all(fit.loss-final / (fit.steps - 100) > 0)", "division by zero: '(fit.steps - 100)' is 0 at seed 1", 21),
    ])
    func valuesThatCannotBeComputed(text: String, message: String, offset: Int) throws {
        let error = try #require(try evaluationError(text))
        #expect(error.message == message)
        #expect(error.location.column == start.column + offset)
    }

    @Test func nanFromAnExperimentIsAnError() throws {
        let bad: [ValueName: [Double]] = [ValueName(experiment: "e", key: "v"): [1, .nan]]
        #expect(try evaluationError("e.v > 0", in: bad) == nil)
        #expect(try evaluationError("all(e.v > 0)", in: bad)?.message == "'e.v' is NaN at seed 2")
        #expect(try evaluationError("e.v.mean > 0", in: bad)?.message == "'e.v' is NaN at seed 2, so 'e.v.mean' is not a number")
        let empty: [ValueName: [Double]] = [ValueName(experiment: "e", key: "v"): []]
        #expect(try evaluationError("e.v > 0", in: empty)?.message == "'e.v' has no values: its experiment returned no seeds")
    }

    @Test func infinityIsANumber() throws {
        let big: [ValueName: [Double]] = [ValueName(experiment: "e", key: "v"): [.infinity]]
        #expect(try evaluate("e.v > 1e300", in: big).holds)
        #expect(try evaluate("exp(1000) > 1", in: big).holds)
    }
}

extension EvaluationTests {
    @Test func anInfinityEqualsOnlyItself() {
        #expect(!ComparisonOperator.equal.holds(.infinity, 1e300))
        #expect(ComparisonOperator.equal.holds(.infinity, .infinity))
        #expect(ComparisonOperator.greater.holds(.infinity, 1e300))
        #expect(!ComparisonOperator.equal.holds(.nan, .nan))
        #expect(ComparisonOperator.notEqual.holds(.nan, .nan))
    }
}
