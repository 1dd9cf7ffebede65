import Foundation

/// A non-cryptographic 128-bit hash, for issue 19 only: what checking a cache
/// entry would cost with a hash that detects corruption but does not resist
/// collisions made on purpose. Not used by docgen.
///
/// Two 64-bit lanes of xxHash64's round (multiply, rotate, multiply) over 16
/// bytes at a time, the tail 8 bytes and then 1 byte at a time, each lane
/// finished with xxHash64's avalanche after mixing in the other lane and the length.
enum FastHash128 {
    private static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    private static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    private static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    @inline(__always)
    private static func round(_ lane: UInt64, _ input: UInt64) -> UInt64 {
        (lane &+ input &* p2).rotatedLeft(31) &* p1
    }

    @inline(__always)
    private static func avalanche(_ value: UInt64) -> UInt64 {
        var h = value
        h ^= h >> 33; h &*= p2
        h ^= h >> 29; h &*= p3
        h ^= h >> 32
        return h
    }

    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64 = 0) -> (UInt64, UInt64) {
        var a = seed &+ p1 &+ p2, b = seed &- p1
        var offset = 0
        let count = bytes.count
        while count - offset >= 16 {
            a = round(a, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            b = round(b, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self)))
            offset += 16
        }
        if count - offset >= 8 {
            a = round(a, UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        while offset < count {
            b = round(b, UInt64(bytes[offset]) &* p5)
            offset += 1
        }
        let length = UInt64(count)
        let first = avalanche(a ^ b.rotatedLeft(27) ^ length &* p4)
        let second = avalanche(b &+ a.rotatedLeft(23) &+ length &* p3)
        return (first, second)
    }

    /// The digest as 32 lower-case hex digits, as a cache entry's header would hold it.
    static func hexDigest<Bytes: ContiguousBytes>(_ bytes: Bytes) -> String {
        let (first, second) = bytes.withUnsafeBytes { hash($0) }
        return hex(first) + hex(second)
    }

    private static func hex(_ word: UInt64) -> String {
        let digits = String(word, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(_ count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
