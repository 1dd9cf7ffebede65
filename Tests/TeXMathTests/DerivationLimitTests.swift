import Testing
@testable import TeXMath

/// Derivations that once trapped, overflowed the stack, asked for absurd memory or printed
/// megabytes (issue 18): each is now a located error, or simply works.
@Suite struct DerivationLimitTests {
    func failure(_ body: String) -> TeXMathError? {
        do {
            _ = try CheckedDerivation(body, file: "ch.md", line: 10)
            return nil
        } catch {
            return error
        }
    }

    /// Item 14: the count of `{0, ..., 2^63 − 1}` overflowed Int.
    @Test func integerRangesBeyondTwoToThe53AreAnError() throws {
        for range in ["{0, ..., 9223372036854775807}", "{-9223372036854775808, ..., 0}", "{1, ..., 9007199254740993}"] {
            let error = try #require(failure("given: n in \(range)\nn = n"))
            #expect(error.message.contains("within ±2^53 (9007199254740992)"), "\(error.message)")
            #expect(error.location == TeXLocation(file: "ch.md", line: 10, column: 13))
        }
        let widest = try CheckedDerivation("given: n in {-9007199254740992, ..., 9007199254740992}\nn + 1 - 1 = n", file: "ch.md", line: 10)
        #expect(widest.note == "checked at 64 points over n ∈ {−9007199254740992, …, 9007199254740992}")
    }

    @Test func samplingAnyIntegerRangeStaysInside() {
        var generator = SplitMix64(seed: 1)
        for range in [Int.min...Int.max, 0...Int.max, Int.min...0, -3...3, 5...5] {
            let domain = Domain(values: .integers(range), length: nil)
            for _ in 0..<100 {
                let value = domain.sampleScalar(&generator)
                #expect(value >= Double(range.lowerBound) && value <= Double(range.upperBound))
            }
        }
    }
}
