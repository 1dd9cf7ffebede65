import Foundation
import Testing
@testable import Bibliography
import SourceErrors

/// Input built to hurt: deep nesting, huge files, unterminated values, exploding macros.
/// Each is an error or a result, quickly, with no recursion that could overflow the stack.
@Suite struct HostileInputTests {
    func seconds(_ body: () -> Void) -> Double {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func deepBracesAreCountedNotRecursed() throws {
        let depth = 1_000_000
        let title = String(repeating: "{", count: depth) + "deep" + String(repeating: "}", count: depth)
        let bibliography = try bib(entry("  note = \(title),"))
        #expect(bibliography["k"]?[field: "note"] == "deep")
        let names = String(repeating: "{", count: depth) + "Team" + String(repeating: "}", count: depth)
        #expect(try bib(entry("  author = {\(names)},"))["k"]?.authors.people.first?.last == "Team")
    }

    @Test func unbalancedDeepBracesAreAnError() throws {
        let open = String(repeating: "{", count: 500_000)
        let error = try #require(failure(entry("  note = \(open)x,")))
        #expect(error.message == "'{' is not closed before the end of the file")
        #expect(error.location.line == 5)
    }

    @Test func unterminatedValuesAtTheEnd() {
        for tail in ["@misc{k, title = {", "@misc{k, title = \"", "@misc{k", "@misc{", "@misc", "@", "@string{x = ", "@comment{", "@misc{k, title = {T} #"] {
            #expect(failure(tail) != nil, "\(tail)")
        }
        // Outside entries, braces and quotes are stray text, which BibTeX ignores.
        for stray in ["{", "\"", "\"{", "{\""] { #expect(failure(stray) == nil, "\(stray)") }
    }

    @Test func macroExpansionIsBudgeted() throws {
        var text = "@string{m0 = {xxxxxxxxxxxxxxxx}}\n"
        for level in 1...40 { text += "@string{m\(level) = m\(level - 1) # m\(level - 1)}\n" }
        var error: LocatedError?
        let time = seconds { error = failure(text) }
        #expect(error?.message.hasPrefix("@string macros expand to more than") == true)
        #expect(time < 5)
    }

    /// Times the parser, so not under a sanitizer (`scripts/sanitize` says which): there the
    /// allocator's own costs and the other tests beside it set the times (a CI run measured
    /// 25.1 times as long for ten times the entries), and 20,000 entries took almost a minute.
    @Test(.disabled(if: ProcessInfo.processInfo.environment["DOCGEN_SANITIZER"] != nil, "times the parser"))
    func aLargeFileParsesInLinearTime() throws {
        func file(_ count: Int) -> String {
            (0..<count).map { i in
                """
                @article{key\(i), author = {Last\(i % 97), First and van der Other, A. and {Team \(i)}},
                  title = {A {T}itle with G{\\"o}del --- and \\emph{more} \(i)}, journal = {J}, year = \(1950 + i % 70),
                  pages = {1--2}, doi = {10.1000/\(i)}}

                """
            }.joined()
        }
        let small = file(2_000)
        let large = file(20_000)
        var bibliography: Bibliography?
        let tSmall = seconds { bibliography = try? Bibliography(parsing: small, file: "s.bib") }
        let tLarge = seconds { bibliography = try? Bibliography(parsing: large, file: "l.bib") }
        #expect(bibliography?.entries.count == 20_000)
        // Ten times the input takes about ten times as long (sorting adds a log factor);
        // quadratic work would take a hundred times as long.
        #expect(tLarge < 25 * max(tSmall, 0.01), "\(tSmall) s for 2000 entries, \(tLarge) s for 20000")
    }

    @Test func manyNamesAndManyMacros() throws {
        let authors = (0..<50_000).map { "A\($0) B\($0)" }.joined(separator: " and ")
        let bibliography = try bib(entry("  author = {\(authors)},"))
        #expect(bibliography["k"]?.authors.people.count == 50_000)
        let macros = (0..<20_000).map { "@string{macro\($0) = {v}}" }.joined(separator: "\n")
        let error = try #require(failure(macros + "\n" + entry("  note = macro19999x,")))
        #expect(error.message.hasPrefix("unknown @string macro 'macro19999x'; did you mean 'macro1999"))
    }

    @Test func binaryGarbageIsHandled() {
        var generator = SplitMix(seed: 42)
        let alphabet = Array("@{}\"#=,%\\ \n\tabcAND{}misc article string comment preamble".utf8) + [0, 0xC3, 0xA9, 0xFF]
        for _ in 0..<2_000 {
            let length = Int(generator.next() % 200)
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            _ = try? Bibliography(parsing: String(decoding: bytes, as: UTF8.self), file: "fuzz.bib")
        }
    }
}

/// A small seeded generator, so the garbage is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
