import ExperimentKit
import Testing
import XMLTree
@testable import Notebook

@Suite struct ValueFormatTests {
    func show(_ spec: String, _ value: Double) -> String? {
        ValueFormat(spec)?.render(value)?.map { $0.serialized() }.joined()
    }

    @Test func formats() {
        #expect(show("fixed:3", 2.718281) == "2.718")
        #expect(show("fixed:0", -0.4) == "0")
        #expect(show("fixed:2", -1.5) == "−1.50")
        #expect(show("percent:2", 25.0 / 26.0) == "96.15%")
        #expect(show("int", 88.72) == "89")
        #expect(show("int", -3.2) == "−3")
        #expect(show("sci:2", 0.000123456) == "1.23 × 10<sup>−4</sup>")
        #expect(show("sci:1", 3.0e8) == "3.0 × 10<sup>8</sup>")
        #expect(show("sci:2", 5.0) == "5.00")
    }

    @Test func nonFiniteValuesAreNeverPrinted() {
        #expect(show("fixed:2", .nan) == nil)
        #expect(show("sci:2", .infinity) == nil)
        #expect(show("percent:1", -.infinity) == nil)
    }

    /// Spaces around the name and the digits are the author's; `trimmingWhitespace` drops them.
    @Test func spacesAroundThePartsAreIgnored() {
        #expect(ValueFormat(" fixed : 3 ") == .fixed(3))
        #expect(ValueFormat("\u{A0}int\t") == .integer)
        #expect(ValueFormat("sci:\n2") == .scientific(2))
    }

    @Test func trimmingWhitespace() {
        #expect("  a b \n".trimmingWhitespace() == "a b")
        #expect(" \t\n".trimmingWhitespace() == "")
        #expect("".trimmingWhitespace() == "")
        #expect("abc".trimmingWhitespace() == "abc")
        #expect("x: 1 ".split(separator: ":")[1].trimmingWhitespace() == "1")
    }

    @Test(arguments: ["fixed", "fixed:", "fixed:x", "fixed:13", "sci:-1", "pct:2", "int:2", "", "percent:2:3"])
    func badSpecsAreRejected(_ spec: String) {
        #expect(ValueFormat(spec) == nil)
    }
}
