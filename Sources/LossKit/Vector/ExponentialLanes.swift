import RealModule

/// SIMD vectors the fused cross-entropy kernel runs on: lanes of `Float` or
/// `Double` with a vectorised `exp` for the non-positive arguments `x − max`.
///
/// The scalar `exp` of the C library is a call per element, which costs more
/// than the rest of the kernel together; these are branch-free range
/// reduction plus polynomial, the Cephes `expf`/`exp` schemes (about 1 ulp).
@usableFromInline
protocol ExponentialLanes: SIMD where Scalar: Real & BinaryFloatingPoint & Sendable {
    /// `eˣ` lane by lane for `x ≤ 0`; arguments whose result would be
    /// subnormal give 0 (an absolute error below the smallest normal number).
    static func expNonPositive(_ x: Self) -> Self
    /// The lane-wise maximum (either operand where one is NaN).
    ///
    /// A requirement because generic SIMD comparisons build their masks lane
    /// by lane through memory; the concrete types compare in one instruction.
    static func maximum(_ a: Self, _ b: Self) -> Self
    /// `value` where `flags` is non-zero, `replacement` where it is zero.
    static func select(_ value: Self, else replacement: Self, whereZero flags: Self) -> Self
}

extension SIMD8: ExponentialLanes where Scalar == Float {
    @inlinable @inline(__always)
    static func maximum(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: a .< b) }

    @inlinable @inline(__always)
    static func select(_ value: Self, else replacement: Self, whereZero flags: Self) -> Self {
        value.replacing(with: replacement, where: flags .== 0)
    }

    /// `eˣ` for `x ≤ 0` in single precision, within about 1 ulp of `Float.exp`.
    @inlinable @inline(__always)
    static func expNonPositive(_ x: Self) -> Self {
        // ln(2⁻¹²⁶): below it 2ⁿ would leave the normal range.
        let lowest: Float = -87.33654
        let tooSmall = x .< lowest
        let xc = x.replacing(with: lowest, where: tooSmall)
        // n = round(x·log₂e) by adding 1.5·2²³: the sum's low mantissa bits then hold n + 127,
        // the biased exponent of 2ⁿ.
        let shifter: Float = 12_582_912 + 127
        let shifted = xc * 1.442_695_04 + shifter
        let n = shifted - shifter
        // r = x − n·ln2 in two parts (Cody–Waite); n·0.693359375 is exact.
        var r = xc - n * 0.693_359_375
        r = r + n * 2.121_944_40e-4
        var p = Self(repeating: 1.987_569_150_0e-4)
        p = p * r + 1.398_199_950_7e-3
        p = p * r + 8.333_451_907_3e-3
        p = p * r + 4.166_579_589_4e-2
        p = p * r + 1.666_666_545_9e-1
        p = p * r + 5.000_000_120_1e-1
        let expR = p * (r * r) + r + 1
        let twoToN = unsafeBitCast(unsafeBitCast(shifted, to: SIMD8<UInt32>.self) &<< 23, to: Self.self)
        return (expR * twoToN).replacing(with: 0, where: tooSmall)
    }
}

extension SIMD4: ExponentialLanes where Scalar == Double {
    @inlinable @inline(__always)
    static func maximum(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: a .< b) }

    @inlinable @inline(__always)
    static func select(_ value: Self, else replacement: Self, whereZero flags: Self) -> Self {
        value.replacing(with: replacement, where: flags .== 0)
    }

    /// `eˣ` for `x ≤ 0` in double precision, within about 2e-16 relative of `Double.exp`.
    @inlinable @inline(__always)
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
        // e^r = 1 + 2·r·P(r²) / (Q(r²) − r·P(r²)), Cephes' Padé form.
        let r2 = r * r
        var p = Self(repeating: 1.261_771_930_748_105_908_78e-4)
        p = p * r2 + 3.029_944_077_074_419_613_00e-2
        p = p * r2 + 9.999_999_999_999_999_999_10e-1
        let rp = r * p
        var q = Self(repeating: 3.001_985_051_386_644_550_42e-6)
        q = q * r2 + 2.524_483_403_496_841_041_92e-3
        q = q * r2 + 2.272_655_482_081_550_287_66e-1
        q = q * r2 + 2.000_000_000_000_000_000_09
        let expR = 2 * rp / (q - rp) + 1
        let twoToN = unsafeBitCast(unsafeBitCast(shifted, to: SIMD4<UInt64>.self) &<< 52, to: Self.self)
        return (expR * twoToN).replacing(with: 0, where: tooSmall)
    }
}
