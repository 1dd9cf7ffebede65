import Foundation
import Testing
@testable import SVGPlot

@Suite struct TicksTests {
    @Test func linearStepsAreOneTwoFive() {
        #expect(Ticks.linear(0, 1, target: 5) == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(Ticks.linear(0, 10, target: 5) == [0, 2, 4, 6, 8, 10])
        #expect(Ticks.linear(-3.7, 12.2, target: 4) == [0, 5, 10])
        #expect(Ticks.linear(0.001, 0.0042, target: 4) == [0.001, 0.002, 0.003, 0.004])
        #expect(Ticks.linear(97, 103, target: 5) == [97, 98, 99, 100, 101, 102, 103])
        #expect(Ticks.linear(0.1, 0.7, target: 6) == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
    }

    @Test func everyLinearStepIsANiceNumber() {
        for (lower, upper) in [(0.0, 3.3), (-1e-5, 2e-5), (12345.0, 98765.0), (-0.5, 0.25), (1.0, 1.0001)] {
            let step = Ticks.niceStep(lower, upper, target: 5)
            let mantissa = step / Ticks.pow10(Int((log10(step)).rounded(.down)))
            #expect([1, 2, 5, 10].contains { abs($0 - mantissa) < 1e-9 }, "\(step)")
            let ticks = Ticks.linear(lower, upper, step: step)
            #expect(ticks.count >= 2 && ticks.count <= 12, "\(ticks)")
            #expect(ticks.allSatisfy { $0 >= lower - step * 1e-6 && $0 <= upper + step * 1e-6 })
        }
    }

    @Test func logTicksAreDecades() {
        let (major, minor) = Ticks.log(1e-3, 1e2)
        #expect(major == [1e-3, 1e-2, 1e-1, 1, 10, 100])
        #expect(minor.contains(2e-3) && minor.contains(9e1))
        let wide = Ticks.log(1e-30, 1e10, maxLabels: 6)
        #expect(wide.major.count <= 6 && wide.major.count >= 2)
        #expect(wide.major.allSatisfy { Ticks.pow10(Int(log10($0).rounded())) == $0 })
        // Less than two decades: 1-2-5 values.
        #expect(Ticks.log(3, 60).major == [5, 10, 20, 50])
    }

    @Test func tickLabels() {
        #expect(NumberFormat.tick(0.30000000000000004, step: 0.1) == "0.3")
        #expect(NumberFormat.tick(-2, step: 1) == "\u{2212}2")
        #expect(NumberFormat.tick(2500000, step: 500000) == "2.5×10⁶")
        #expect(NumberFormat.tick(0.00002, step: 0.00001) == "2×10⁻⁵")
        #expect(NumberFormat.decade(1e-3) == "10⁻³")
        #expect(NumberFormat.tick(1500, step: 500) == "1500")
    }

    @Test func horizontalTickLabelsNeverOverlap() {
        for width in [80.0, 150, 300, 600] {
            for (lower, upper) in [(0.0, 1.0), (0.0, 123456.0), (-0.000123, 0.000456), (1e-3, 1e9)] {
                let scale: Axis.Scale = lower > 0 ? .log : .linear
                let ticks = AxisTicks.numeric(scale: scale, lower: lower, upper: upper, length: width, horizontal: true)
                #expect(ticks.major.count >= 2 || width < 100)
                if ticks.major.count > 2 {
                    #expect(ticks.labelsFit(lower: lower, upper: upper, length: width, scale: scale), "\(width) \(lower)…\(upper)")
                }
            }
        }
    }

    @Test func coordinatesUseFewestDigits() {
        #expect(NumberFormat.coordinate(12.04) == "12")
        #expect(NumberFormat.coordinate(12.06) == "12.1")
        #expect(NumberFormat.coordinate(-0.01) == "0")
        #expect(PathData.format(5) == ".5")
        #expect(PathData.format(-123) == "-12.3")
        var d = PathData()
        d.polyline([Point(x: 1, y: 1), Point(x: 3, y: 1), Point(x: 3, y: 2.5), Point(x: 4, y: 3)])
        #expect(d.text == "M1 1h2v1.5l1 .5")
    }
}
