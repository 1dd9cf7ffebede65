import Claims
import Testing
import SourceErrors

/// The sentence a failed claim's error and a reader's tooltip print.
@Suite struct SentenceTests {
    @Test(arguments: [
        // The issue's example.
        ("lk-gaussian-fit.sigma-ml > lk-gaussian-fit.sigma-true",
         "lk-gaussian-fit.sigma-ml = 0.3030 > lk-gaussian-fit.sigma-true = 0.3000 is true"),
        // Names in arithmetic are bracketed; a computed side shows its value; numbers as written.
        ("abs(lk-gaussian-fit.sigma-ml - lk-gaussian-fit.sigma-true) < 1e-3",
         "abs((lk-gaussian-fit.sigma-ml = 0.3030) - (lk-gaussian-fit.sigma-true = 0.3000)) = 0.003000 < 1e-3 is false"),
        ("fit.loss-final.mean + 2 * fit.loss-final.sd < .5",
         "(fit.loss-final.mean = 0.2840) + 2 * (fit.loss-final.sd = 0.1272) = 0.5384 < .5 is false"),
        ("not (one.half >= 1) and fit.param.learning_rate == 0.1",
         "not (one.half = 0.5000 >= 1) and fit.param.learning_rate = 0.1000 == 0.1 is true"),
        ("-one.half < min(one.zero, one.negative)",
         "-(one.half = 0.5000) = -0.5000 < min(one.zero = 0, one.negative = -2) = -2 is false"),
        // Whole numbers print as integers, large and small ones in scientific notation.
        ("fit.steps * 1e4 > 1e-5 * fit.steps",
         "(fit.steps = 100) * 1e4 = 1.000e6 > 1e-5 * (fit.steps = 100) = 0.001000 is true"),
        ("lk-gaussian-fit.sigma-ml * 1e7 > 12345.678",
         "(lk-gaussian-fit.sigma-ml = 0.3030) * 1e7 = 3.030e6 > 12345.678 is true"),
    ])
    func sentences(text: String, sentence: String) throws {
        #expect(try evaluate(text).sentence == sentence)
    }

    @Test func aNumberSaysWhatItCameTo() throws {
        #expect(try evaluate("lk-gaussian-fit.sigma-ml").sentence == "lk-gaussian-fit.sigma-ml = 0.3030")
        #expect(try evaluate("2 * lk-gaussian-fit.sigma-ml").sentence == "2 * (lk-gaussian-fit.sigma-ml = 0.3030) = 0.6060")
        #expect(try evaluate("2").sentence == "2")
    }

    @Test func sidesThatDifferGetTheDigitsToShowIt() throws {
        let close: [ValueName: [Double]] = [
            ValueName(experiment: "e", key: "a"): [0.30001],
            ValueName(experiment: "e", key: "b"): [0.30002],
            ValueName(experiment: "e", key: "c"): [0.3 + 1e-12],
        ]
        #expect(try evaluate("e.a >= e.b", in: close).sentence == "e.a = 0.30001 >= e.b = 0.30002 is false")
        #expect(try evaluate("e.a == 0.3", in: close).sentence == "e.a = 0.30001 == 0.3 is false")
        // Equal within the tolerance: four digits are the truth.
        #expect(try evaluate("e.c == 0.3", in: close).sentence == "e.c = 0.3000 == 0.3 is true")
        // Other comparisons keep four digits.
        #expect(try evaluate("e.a > 1 and e.a < e.b", in: close).sentence
            == "e.a = 0.3000 > 1 and e.a = 0.30001 < e.b = 0.30002 is false")
    }

    @Test func quantifiersShowTheSeedThatDecidedThem() throws {
        #expect(try evaluate("all(fit.loss-final < 0.5)").sentence
            == "all(fit.loss-final = 0.5100 < 0.5) at seed 3 of 5 is false")
        #expect(try evaluate("any(fit.loss-final > 0.5)").sentence
            == "any(fit.loss-final = 0.5100 > 0.5) at seed 3 of 5 is true")
    }

    @Test func quantifiersThatEverySeedAgreesWithShowRanges() throws {
        #expect(try evaluate("all(fit.loss-final < fit.loss-initial)").sentence
            == "all(fit.loss-final ∈ [0.2100, 0.5100] < fit.loss-initial ∈ [0.6900, 0.7100]) over 5 seeds is true")
        #expect(try evaluate("any(fit.loss-final > fit.loss-initial.mean + fit.steps)").sentence
            == "any(fit.loss-final ∈ [0.2100, 0.5100] > (fit.loss-initial.mean = 0.6980) + (fit.steps = 100) = 100.7) over 5 seeds is false")
    }

    @Test func aFailedCheckUnderlinesTheFalsePartOfAnAnd() throws {
        let check = try parse("check fit.loss-final < 0.3 and (fit.steps > 10 and fit.loss-initial > 1)")
        guard case .check(let claim) = check else { Issue.record("not a check"); return }
        let failure = try #require(try claim.evaluate(in: results).failure)
        #expect(failure.message
            == "claim does not hold: fit.loss-final = 0.2100 < 0.3 and (fit.steps = 100 > 10 and fit.loss-initial = 0.6900 > 1) is false")
        #expect(failure.location == TextLocation(file: "chapters/03-test.md", line: 12, column: start.column + 51))
        #expect(failure.caret == String(repeating: " ", count: 51) + "^" + String(repeating: "~", count: 19))
        #expect(failure.description == """
            chapters/03-test.md:12:60: error: \(failure.message)
                check fit.loss-final < 0.3 and (fit.steps > 10 and fit.loss-initial > 1)
                \(failure.caret)
            """)
    }
}
