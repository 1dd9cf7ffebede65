import RealModule

/// xoshiro256** seeded through SplitMix64: the same stream on every platform.
///
/// Every experiment owns one and passes it `inout`, so a seed fully
/// determines a figure. Nothing here touches `SystemRandomNumberGenerator`
/// or the standard library's sampling, whose algorithms are not promised to
/// stay fixed; uniform, normal, categorical and shuffling are written out.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Equatable {
    @usableFromInline var state: (UInt64, UInt64, UInt64, UInt64)

    /// A generator whose 256-bit state is four SplitMix64 outputs from `seed`,
    /// the seeding the xoshiro authors recommend.
    public init(seed: UInt64) {
        var splitMix = seed
        func next() -> UInt64 {
            splitMix &+= 0x9E37_79B9_7F4A_7C15
            var z = splitMix
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        state = (next(), next(), next(), next())
    }

    /// Generators are equal when their states are: they will produce the same stream.
    public static func == (a: SeededGenerator, b: SeededGenerator) -> Bool {
        a.state == b.state
    }

    /// The next 64 random bits (xoshiro256**).
    @inlinable
    public mutating func next() -> UInt64 {
        let result = rotateLeft(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotateLeft(state.3, 45)
        return result
    }

    @inlinable
    func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 - k))
    }

    /// Uniform on [0, 1) with 53 random bits.
    @inlinable
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Uniform on [lower, upper).
    @inlinable
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// Uniform integer in 0..<bound without modulo bias (rejection sampling).
    @inlinable
    public mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        let n = UInt64(bound)
        let limit = UInt64.max - UInt64.max % n
        while true {
            let x = next()
            if x < limit { return Int(x % n) }
        }
    }

    /// A normal sample by Box–Muller (one of the pair; the other is discarded
    /// so the state alone determines the stream).
    @inlinable
    public mutating func normal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
        let u1 = 1 - uniform()  // (0, 1], so log never sees 0
        let u2 = uniform()
        let radius = (-2 * Double.log(u1)).squareRoot()
        return mean + standardDeviation * radius * Double.cos(2 * Double.pi * u2)
    }

    /// True with probability `p`.
    @inlinable
    public mutating func bernoulli(_ p: Double) -> Bool {
        uniform() < p
    }

    /// An index drawn with probability proportional to `weights` (non-negative, not all zero).
    @inlinable
    public mutating func categorical(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0 && weights.allSatisfy { $0 >= 0 }, "categorical needs non-negative weights with a positive sum")
        let u = uniform() * total
        var cumulative = 0.0
        for (k, w) in weights.enumerated() {
            cumulative += w
            if u < cumulative { return k }
        }
        // Rounding can leave u just above the final cumulative sum.
        return weights.lastIndex { $0 > 0 }!
    }

    /// Shuffles in place by Fisher–Yates with this generator's integers.
    @inlinable
    public mutating func shuffle<T>(_ array: inout [T]) {
        guard array.count > 1 else { return }
        for i in stride(from: array.count - 1, to: 0, by: -1) {
            array.swapAt(i, integer(below: i + 1))
        }
    }

    /// A random permutation of 0..<count.
    @inlinable
    public mutating func permutation(_ count: Int) -> [Int] {
        var indices = Array(0..<count)
        shuffle(&indices)
        return indices
    }
}
