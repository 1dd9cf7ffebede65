import RealModule

/// SIMD vectors the fused cross-entropy kernel runs on: lanes of `Float` or
/// `Double` with a vectorised `exp` for the non-positive arguments `x − max`.
///
/// The scalar `exp` of the C library is a call per element, which costs more
/// than the rest of the kernel together; these are branch-free range
/// reduction plus polynomial (about 1 ulp).
///
/// Only `FloatLanes` and `DoubleLanes` conform. Their width follows the vector
/// unit LossKit is compiled for (Package.swift picks the x86-64 level of the
/// building machine): one register of 512 bits with AVX-512, else two or one
/// of 256/128 bits. The conformances are on the concrete types because the
/// concrete SIMD operators compile to one instruction each, where the generic
/// ones work lane by lane.
protocol ExponentialLanes: SIMD where Scalar: Real & BinaryFloatingPoint & Sendable {
    /// `eˣ` lane by lane for `x ≤ 0`; arguments whose result would be
    /// subnormal give 0 (an absolute error below the smallest normal number).
    static func expNonPositive(_ x: Self) -> Self
    /// The lane-wise maximum (either operand where one is NaN).
    static func maximum(_ a: Self, _ b: Self) -> Self
    /// `value` where `flags` is non-zero, `replacement` where it is zero.
    static func select(_ value: Self, else replacement: Self, whereZero flags: Self) -> Self
}

#if LOSSKIT_AVX512
/// Sixteen Float lanes: one AVX-512 register.
typealias FloatLanes = SIMD16<Float>
/// Eight Double lanes: one AVX-512 register.
typealias DoubleLanes = SIMD8<Double>
typealias FloatLaneBits = SIMD16<UInt32>
typealias DoubleLaneBits = SIMD8<UInt64>
#else
/// Eight Float lanes: one AVX register, or two SSE registers.
typealias FloatLanes = SIMD8<Float>
/// Four Double lanes: one AVX register, or two SSE registers.
typealias DoubleLanes = SIMD4<Double>
typealias FloatLaneBits = SIMD8<UInt32>
typealias DoubleLaneBits = SIMD4<UInt64>
#endif

extension FloatLanes: ExponentialLanes {
    @inline(__always)
    static func maximum(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: a .< b) }

    @inline(__always)
    static func select(_ value: Self, else replacement: Self, whereZero flags: Self) -> Self {
        value.replacing(with: replacement, where: flags .== 0)
    }

    /// `a·b + c`, with one rounding where LossKit is built for a CPU with FMA
    /// (`LOSSKIT_FMA`); without it a fused multiply-add would be a library call per lane.
    @inline(__always)
    static func multiplyAdd(_ a: Self, _ b: Self, _ c: Self) -> Self {
        #if LOSSKIT_FMA
        c.addingProduct(a, b)
        #else
        a * b + c
        #endif
    }

    /// `eˣ` for `x ≤ 0` in single precision, within 2 ulp of `Float.exp`.
    @inline(__always)
    static func expNonPositive(_ x: Self) -> Self {
        // ln(2⁻¹²⁶): below it 2ⁿ would leave the normal range.
        let lowest: Float = -87.33654
        let tooSmall = x .< lowest
        let xc = x.replacing(with: lowest, where: tooSmall)
        // n = round(x·log₂e) by adding 1.5·2²³: the sum's low mantissa bits then hold n + 127,
        // the biased exponent of 2ⁿ.
        let shifter = Self(repeating: 12_582_912 + 127)
        let shifted = multiplyAdd(xc, Self(repeating: 1.442_695_04), shifter)
        let n = shifted - shifter
        // r = x − n·ln2 in two parts (Cody–Waite); n·0.693359375 is exact.
        var r = multiplyAdd(n, Self(repeating: -0.693_359_375), xc)
        r = multiplyAdd(n, Self(repeating: 2.121_944_40e-4), r)
        // e^r = 1 + r + r²·P(r), P the degree-4 minimax fit of (e^r − 1 − r)/r² on [−ln2/2, ln2/2]
        // (relative error 3e-9 before rounding).
        var p = Self(repeating: 1.381_461_100e-3)
        p = multiplyAdd(p, r, Self(repeating: 8.368_710_035e-3))
        p = multiplyAdd(p, r, Self(repeating: 4.166_838_741e-2))
        p = multiplyAdd(p, r, Self(repeating: 1.666_652_069e-1))
        p = multiplyAdd(p, r, Self(repeating: 4.999_999_345e-1))
        let expR = multiplyAdd(p, r * r, r) + 1
        let twoToN = unsafeBitCast(unsafeBitCast(shifted, to: FloatLaneBits.self) &<< 23, to: Self.self)
        return (expR * twoToN).replacing(with: 0, where: tooSmall)
    }
}

extension DoubleLanes: ExponentialLanes {
    @inline(__always)
    static func maximum(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: a .< b) }

    @inline(__always)
    static func select(_ value: Self, else replacement: Self, whereZero flags: Self) -> Self {
        value.replacing(with: replacement, where: flags .== 0)
    }

    /// `eˣ` for `x ≤ 0` in double precision, within about 2e-16 relative of `Double.exp`.
    ///
    /// Plain multiplies and adds even where the CPU has FMA: the compiler
    /// splits fused multiply-adds of these vectors into scalar ones.
    @inline(__always)
    static func expNonPositive(_ x: Self) -> Self {
        // ln(2⁻¹⁰²²): below it 2ⁿ would leave the normal range.
        let lowest = -708.396_418_532_264
        let tooSmall = x .< lowest
        let xc = x.replacing(with: lowest, where: tooSmall)
        // n = round(x·log₂e) by adding 1.5·2⁵²; the low mantissa bits hold n + 1023.
        let shifter: Double = 6_755_399_441_055_744 + 1023
        let shifted = xc * 1.442_695_040_888_963_4 + shifter
        let n = shifted - shifter
        // r = x − n·ln2 in two parts; n·0.693145751953125 is exact.
        var r = xc - n * 6.931_457_519_531_25e-1
        r = r - n * 1.428_606_820_309_417_232_12e-6
        // e^r = 1 + r + r²·P(r), P the degree-9 minimax fit of (e^r − 1 − r)/r² on [−ln2/2, ln2/2]
        // (relative error below 4e-18 before rounding); no division, unlike Cephes' Padé form.
        // Estrin's scheme: a few more operations than Horner's, but a dependency chain about
        // half as long, so more exponentials are in flight at once.
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let q0 = r * 1.666_666_666_666_641_276e-1 + 5.000_000_000_000_010_618e-1
        let q1 = r * 8.333_333_333_494_335_992e-3 + 4.166_666_666_653_025_918e-2
        let q2 = r * 1.984_126_950_677_940_186e-4 + 1.388_888_894_359_937_872e-3
        let q3 = r * 2.755_758_626_291_159_451e-6 + 2.480_149_313_455_226_983e-5
        let q4 = r * 2.500_007_423_630_979_381e-8 + 2.763_023_446_764_578_282e-7
        let p = (q0 + q1 * r2) + (q2 + q3 * r2) * r4 + q4 * r8
        let expR = p * r2 + r + 1
        let twoToN = unsafeBitCast(unsafeBitCast(shifted, to: DoubleLaneBits.self) &<< 52, to: Self.self)
        return (expR * twoToN).replacing(with: 0, where: tooSmall)
    }
}
