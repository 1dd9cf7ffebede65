@testable import LossKit
import RealModule
import Testing

/// The fused SIMD cross-entropy path: its exp, and its results against the scalar path and PyTorch.
@Suite struct FusedCrossEntropyTests {
    // MARK: vectorised exp

    @Test func floatExpIsWithinTwoUlpsOfTheScalarExp() {
        var worst: Float = 0
        var x: Float = -105
        while x <= 0 {
            let got = FloatLanes.expNonPositive(FloatLanes(repeating: x))
            let expected = Float.exp(x)
            for lane in 0..<FloatLanes.scalarCount {
                if expected < Float.leastNormalMagnitude {
                    #expect(got[lane] == 0 || abs(got[lane] - expected) <= Float.leastNormalMagnitude, "x = \(x)")
                } else {
                    worst = max(worst, abs(got[lane] - expected) / expected.ulp)
                }
            }
            x += 0.000_37
        }
        #expect(worst <= 2, "worst error \(worst) ulp")
        let special = FloatLanes.expNonPositive(FloatLanes(lanes: [0, -0.0, -87.3, -87.4, -1e4, -Float.infinity, -Float.leastNormalMagnitude, -1]))
        #expect(special[0] == 1 && special[1] == 1 && special[4] == 0 && special[5] == 0 && special[6] == 1)
        #expect(abs(special[2] - Float.exp(-87.3)) <= 2 * Float.exp(-87.3).ulp && special[3] == 0)
        #expect(abs(special[7] - Float.exp(-1)) <= Float.exp(-1).ulp)
        #expect(FloatLanes.expNonPositive(FloatLanes(repeating: .nan))[0].isNaN)
    }

    @Test func doubleExpIsWithinOneInTenToTheFifteenOfTheScalarExp() {
        var worst = 0.0
        var x = -710.0
        while x <= 0 {
            let got = DoubleLanes.expNonPositive(DoubleLanes(repeating: x))
            let expected = Double.exp(x)
            for lane in 0..<DoubleLanes.scalarCount {
                if expected < Double.leastNormalMagnitude {
                    #expect(got[lane] == 0 || abs(got[lane] - expected) <= Double.leastNormalMagnitude, "x = \(x)")
                } else {
                    worst = max(worst, abs(got[lane] - expected) / expected)
                }
            }
            x += 0.000_731
        }
        #expect(worst <= 1e-15, "worst relative error \(worst)")
        let special = DoubleLanes.expNonPositive(DoubleLanes(lanes: [0, -2e300, -.infinity, -1]))
        #expect(special[0] == 1 && special[1] == 0 && special[2] == 0 && abs(special[3] - Double.exp(-1)) <= 2e-16)
    }

    // MARK: fused against scalar

    static let options: [CrossEntropyLoss] = {
        var all: [CrossEntropyLoss] = []
        for weight in [nil, [0.5, 2, 1, 0.25, 3]] as [[Double]?] {
            for smoothing in [0, 0.1, 1] {
                for reduction in Reduction.allCases {
                    all.append(CrossEntropyLoss(weight: weight, ignoreIndex: 255, reduction: reduction, labelSmoothing: smoothing))
                }
            }
        }
        return all
    }()

    /// Logits `[batch, 5, inner]` ~ N(0, scale²) and targets with every fifth one ignored (255).
    static func problem<S: TestScalar>(_: S.Type, batch: Int, inner: Int, scale: Double, seed: UInt64) -> (Tensor<S>, [Int]) {
        var g = SeededGenerator(seed: seed)
        let shape = [batch, 5, inner]
        let x = (0..<shape.reduce(1, *)).map { _ in S(g.normal(standardDeviation: scale)) }
        let targets = (0..<(batch * inner)).map { k in k % 5 == 3 ? 255 : Int(g.next() % 5) }
        return (Tensor(shape: shape, scalars: x), targets)
    }

    func checkFusedAgainstScalar<S: TestScalar, V: ExponentialLanes>(_: S.Type, lanes: V.Type, rtol: Double)
        where V.Scalar == S
    {
        // Inner sizes: exactly one vector, a vector plus a tail, several vectors, two and a half
        // blocks plus a tail (so blocks start after 0), and one vector with huge logits.
        let block = CrossEntropyLoss.blockPositions(classes: 5, width: V.scalarCount, vectorEnd: .max, stride: MemoryLayout<S>.stride)
        for (inner, scale) in [(V.scalarCount, 2.0), (2 * V.scalarCount + 3, 2), (300, 3), (5 * block / 2 + 3, 1), (19, 1e4)] {
            let (x, targets) = Self.problem(S.self, batch: 2, inner: inner, scale: scale, seed: UInt64(inner))
            for loss in Self.options {
                let fused = loss.fusedValueAndGradient(logits: x, targets: targets, lanes: V.self)
                let scalar = loss.scalarValueAndGradient(logits: x, targets: targets)
                let public_ = loss.valueAndGradient(logits: x, targets: targets)
                let context = "\(S.self) inner \(inner) scale \(scale) \(loss)"
                #expect(fused.value.shape == scalar.value.shape, "\(context)")
                #expect(firstMismatch(fused.value.scalars.map(Double.init), scalar.value.scalars.map(Double.init), rtol: rtol) == nil,
                        "value \(context)")
                #expect(firstMismatch(fused.gradient.scalars.map(Double.init), scalar.gradient.scalars.map(Double.init), rtol: rtol) == nil,
                        "gradient \(context)")
                #expect(public_ == fused, "the public API takes the fused path: \(context)")
            }
        }
    }

    @Test func fusedFloatMatchesTheScalarPath() {
        checkFusedAgainstScalar(Float.self, lanes: FloatLanes.self, rtol: 1e-5)
    }

    @Test func fusedDoubleMatchesTheScalarPath() {
        checkFusedAgainstScalar(Double.self, lanes: DoubleLanes.self, rtol: 1e-13)
    }

    @Test func fusedDoubleStaysFiniteAtOneInTenToTheThreeHundred() {
        var x = Tensor<Double>(repeating: 0, shape: [1, 3, 8])
        for i in 0..<8 { x.scalars[i] = 1e300; x.scalars[8 + i] = -1e300; x.scalars[16 + i] = 0.5e300 }
        let targets = [0, 1, 2, 0, 1, 2, 0, 1]
        for loss in [CrossEntropyLoss(), CrossEntropyLoss(weight: [1, 2, 3], reduction: .none, labelSmoothing: 0.1)] {
            let fused = loss.fusedValueAndGradient(logits: x, targets: targets, lanes: DoubleLanes.self)
            let scalar = loss.scalarValueAndGradient(logits: x, targets: targets)
            #expect(fused.value.scalars.allSatisfy(\.isFinite) && fused.gradient.scalars.allSatisfy(\.isFinite))
            #expect(firstMismatch(fused.value.scalars, scalar.value.scalars, rtol: 1e-15) == nil)
            #expect(firstMismatch(fused.gradient.scalars, scalar.gradient.scalars, rtol: 1e-15) == nil)
        }
    }

    @Test func fusedAllIgnoredMeanIsNaNWithAZeroGradient() {
        let x = Tensor<Float>(repeating: 1, shape: [2, 5, 16])
        let r = CrossEntropyLoss().valueAndGradient(logits: x, targets: Array(repeating: -100, count: 32))
        #expect(r.value.scalars[0].isNaN)
        #expect(r.gradient.scalars.allSatisfy { $0 == 0 })
    }

    // MARK: fused against PyTorch

    /// Each class-index reference case, its elements laid along the spatial axis of one image
    /// and repeated `copies` times, so that the fused path (with a tail) computes it.
    @Test(arguments: PyTorchReference.shared.losses.filter { $0.loss == "cross_entropy" }.map { "\($0.name)/\($0.dtype)" })
    func fusedPathMatchesPyTorch(id: String) {
        let reference = PyTorchReference.shared.losses.first { "\($0.name)/\($0.dtype)" == id }!
        if reference.dtype == "float32" {
            checkTiled(reference, as: Float.self)
        } else {
            checkTiled(reference, as: Double.self)
        }
    }

    func checkTiled<S: TestScalar>(_ reference: PyTorchReference.LossCase, as _: S.Type) {
        let copies = 5
        let layout = ClassAxisLayout(shape: reference.input.shape)
        let (classes, elements) = (layout.classes, layout.elementCount)
        let width = elements * copies
        // Element e = n·inner + i, class c sits at (n·C + c)·inner + i in the reference.
        func source(_ e: Int, _ c: Int) -> Int {
            let n = e / layout.inner, i = e % layout.inner
            return (n * classes + c) * layout.inner + i
        }
        var logits = [S](repeating: 0, count: classes * width)
        var expectedGradient = [Double](repeating: 0, count: classes * width)
        let gradientScale = reference.options.reduction == "mean" ? 1 / Double(copies) : 1
        for copy in 0..<copies {
            for e in 0..<elements {
                for c in 0..<classes {
                    logits[c * width + copy * elements + e] = S(reference.input.data[source(e, c)])
                    expectedGradient[c * width + copy * elements + e] = reference.gradient.data[source(e, c)] * gradientScale
                }
            }
        }
        let targets = Array((0..<copies).map { _ in reference.indices! }.joined())
        let expectedValue: [Double] = switch reference.options.reduction {
        case "none": Array((0..<copies).map { _ in reference.value.data }.joined())
        case "sum": reference.value.data.map { $0 * Double(copies) }
        default: reference.value.data
        }
        let o = reference.options
        let loss = CrossEntropyLoss(weight: o.weight, ignoreIndex: o.ignore_index ?? -100,
                                    reduction: LossReferenceTests.reduction(o.reduction), labelSmoothing: o.label_smoothing ?? 0)
        let (value, gradient) = loss.valueAndGradient(logits: Tensor(shape: [1, classes, width], scalars: logits), targets: targets)
        let rtol = referenceTolerance(S.self)
        #expect(firstMismatch(value.scalars.map(Double.init), expectedValue, rtol: rtol) == nil,
                "\(reference.name) value: got \(value.scalars) expected \(expectedValue)")
        #expect(firstMismatch(gradient.scalars.map(Double.init), expectedGradient, rtol: rtol) == nil,
                "\(reference.name) gradient")
    }
}

extension SIMD where Scalar: FloatingPoint {
    /// The leading lanes from `values`, the rest 0 (the lane count depends on the vector level LossKit is built for).
    init(lanes values: [Scalar]) {
        self.init()
        for (i, value) in values.enumerated() { self[i] = value }
    }
}
