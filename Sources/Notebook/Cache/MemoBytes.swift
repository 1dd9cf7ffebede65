/// The form of the page memo's small records (`PageFacts`, a page's header), written and read
/// field by field: one is read for every page of the book on every build, and through
/// `Codable` and `BinaryDecoder` their reading was most of what an edit's cost grew by with
/// the book. Little-endian 64-bit integers, strings as a count and UTF-8, optionals
/// behind a 0 or 1 byte, arrays as a count and their elements. A record names its kind
/// and version first, so a reader never takes one kind for another.
struct MemoBytesWriter {
    private(set) var bytes: [UInt8] = []

    init(kind: String) { string(kind) }

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func uint64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func optional<Value>(_ value: Value?, _ write: (inout Self, Value) -> Void) {
        guard let value else { return bytes.append(0) }
        bytes.append(1)
        write(&self, value)
    }

    mutating func array<Element>(_ values: [Element], _ write: (inout Self, Element) -> Void) {
        int(values.count)
        for value in values { write(&self, value) }
    }
}

/// Reads what `MemoBytesWriter` wrote; nil, never a trap, for anything else.
struct MemoBytesReader {
    private let bytes: [UInt8]
    private var offset = 0

    /// nil unless `bytes` start with a record of `kind`.
    init?(_ bytes: [UInt8], kind: String) {
        self.bytes = bytes
        guard string() == kind else { return nil }
    }

    /// Whether every byte was read: a record with bytes left over is not one this reader wrote.
    var atEnd: Bool { offset == bytes.count }

    mutating func uint64() -> UInt64? {
        guard bytes.count - offset >= 8 else { return nil }
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        offset += 8
        return value
    }

    mutating func int() -> Int? {
        uint64().map { Int(Int64(bitPattern: $0)) }
    }

    /// A count of things each at least a byte long: nil when the rest cannot hold that many.
    mutating func count() -> Int? {
        guard let count = int(), count >= 0, count <= bytes.count - offset else { return nil }
        return count
    }

    mutating func string() -> String? {
        guard let count = count() else { return nil }
        defer { offset += count }
        return String(decoding: bytes[offset..<(offset + count)], as: UTF8.self)
    }

    /// `.some(nil)` for an absent value, nil for bytes that are neither.
    mutating func optional<Value>(_ read: (inout Self) -> Value?) -> Value?? {
        guard offset < bytes.count else { return nil }
        offset += 1
        switch bytes[offset - 1] {
        case 0: return .some(nil)
        case 1: return read(&self).map { .some($0) }
        default: return nil
        }
    }

    mutating func array<Element>(_ read: (inout Self) -> Element?) -> [Element]? {
        guard let count = count() else { return nil }
        var values: [Element] = []
        values.reserveCapacity(count)
        for _ in 0..<count {
            guard let value = read(&self) else { return nil }
            values.append(value)
        }
        return values
    }
}
