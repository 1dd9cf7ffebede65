/// A compact binary form of any `Encodable` value, for cache entries.
///
/// JSON made a warm rebuild spend most of its experiment stage parsing decimal
/// numbers back into the grids they came from. Here a number is its 8 bytes
/// and a `[Double]` is one tagged run of them, so reading a cached figure is
/// mostly copying. Little-endian; every value starts with a `BinaryTag` byte:
///
///     nil, false, true                     the tag alone
///     int, uint, double                    + 8 bytes
///     string                               + UInt32 byte count + UTF-8
///     doubles                              + UInt32 count + 8 bytes each
///     array                                + UInt32 count + UInt32 byte length + the elements
///     keyed                                + UInt32 count + UInt32 byte length + (key string, value)…
///
/// Keys are written sorted, so the same value always gives the same bytes.
/// Byte lengths let a reader skip what it does not ask for.
@_spi(Benchmarks) public struct BinaryEncoder {
    @_spi(Benchmarks) public init() {}

    @_spi(Benchmarks) public func encode<Value: Encodable>(_ value: Value) throws -> [UInt8] {
        let root = BinaryEncodingNode()
        try BinaryEncoding.encode(value, into: root, codingPath: [])
        var bytes: [UInt8] = []
        root.write(to: &bytes)
        return bytes
    }
}

enum BinaryTag: UInt8 {
    case null = 0, no, yes, int, uint, double, string, doubles, array, keyed
}

/// What an encoder has been given so far: one scalar (already as bytes), an
/// array or a keyed container. A class, because containers are handed out and
/// filled later; elements and fields are appended in place.
final class BinaryEncodingNode {
    enum Kind { case empty, scalar, array, keyed }

    var kind = Kind.empty
    var scalar: [UInt8] = []
    var elements: [BinaryEncodingNode] = []
    var fields: [String: BinaryEncodingNode] = [:]

    func setScalar(_ bytes: [UInt8]) {
        kind = .scalar
        scalar = bytes
    }

    func write(to bytes: inout [UInt8]) {
        switch kind {
        case .empty:
            bytes.append(BinaryTag.null.rawValue)
        case .scalar:
            bytes += scalar
        case .array:
            bytes.append(BinaryTag.array.rawValue)
            BinaryEncoding.append(UInt32(elements.count), to: &bytes)
            let length = bytes.count
            BinaryEncoding.append(UInt32(0), to: &bytes)
            for element in elements { element.write(to: &bytes) }
            BinaryEncoding.patchLength(at: length, in: &bytes)
        case .keyed:
            bytes.append(BinaryTag.keyed.rawValue)
            BinaryEncoding.append(UInt32(fields.count), to: &bytes)
            let length = bytes.count
            BinaryEncoding.append(UInt32(0), to: &bytes)
            for key in fields.keys.sorted() {
                BinaryEncoding.appendString(key, to: &bytes)
                fields[key]!.write(to: &bytes)
            }
            BinaryEncoding.patchLength(at: length, in: &bytes)
        }
    }
}

enum BinaryEncoding {
    static func encode<Value: Encodable>(_ value: Value, into node: BinaryEncodingNode, codingPath: [any CodingKey]) throws {
        // The bulk of a figure: write a run of numbers without a node per element.
        if let numbers = value as? [Double] {
            var bytes: [UInt8] = [BinaryTag.doubles.rawValue]
            bytes.reserveCapacity(5 + 8 * numbers.count)
            append(UInt32(numbers.count), to: &bytes)
            for number in numbers { append(number.bitPattern, to: &bytes) }
            node.setScalar(bytes)
            return
        }
        try value.encode(to: BinaryEncoderImpl(node: node, codingPath: codingPath))
    }

    static func append<Integer: FixedWidthInteger>(_ value: Integer, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        append(UInt32(text.utf8.count), to: &bytes)
        bytes += text.utf8
    }

    /// Fills in the UInt32 at `offset` with the number of bytes after it.
    static func patchLength(at offset: Int, in bytes: inout [UInt8]) {
        let length = UInt32(bytes.count - offset - 4).littleEndian
        withUnsafeBytes(of: length) { for i in 0..<4 { bytes[offset + i] = $0[i] } }
    }

    static func scalar(_ tag: BinaryTag) -> [UInt8] { [tag.rawValue] }

    static func scalar<Integer: FixedWidthInteger>(_ tag: BinaryTag, _ value: Integer) -> [UInt8] {
        var bytes = [tag.rawValue]
        append(value, to: &bytes)
        return bytes
    }

    static func scalar(_ text: String) -> [UInt8] {
        var bytes = [BinaryTag.string.rawValue]
        appendString(text, to: &bytes)
        return bytes
    }

    static func scalar(_ value: Double) -> [UInt8] { scalar(.double, value.bitPattern) }

    static func scalar<Integer: FixedWidthInteger & SignedInteger>(_ value: Integer) -> [UInt8] { scalar(.int, Int64(value)) }

    static func scalar<Integer: FixedWidthInteger & UnsignedInteger>(_ value: Integer) -> [UInt8] { scalar(.uint, UInt64(value)) }

    static func scalar(_ value: Bool) -> [UInt8] { scalar(value ? .yes : .no) }
}

private struct BinaryEncoderImpl: Encoder {
    let node: BinaryEncodingNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if node.kind != .keyed {
            node.kind = .keyed
            node.fields = [:]
        }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if node.kind != .array {
            node.kind = .array
            node.elements = []
        }
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(node: node, codingPath: codingPath)
    }
}

/// The primitive `encode` overloads that single-value and unkeyed containers
/// both require, written once: each encodes its scalar and hands the bytes to `put`.
private protocol ScalarEncoding {
    func put(_ bytes: [UInt8])
}

extension ScalarEncoding {
    mutating func encodeNil() throws { put(BinaryEncoding.scalar(.null)) }
    mutating func encode(_ value: Bool) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: String) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: Double) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: Float) throws { put(BinaryEncoding.scalar(Double(value))) }
    mutating func encode(_ value: Int) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: Int8) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: Int16) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: Int32) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: Int64) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: UInt) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: UInt8) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: UInt16) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: UInt32) throws { put(BinaryEncoding.scalar(value)) }
    mutating func encode(_ value: UInt64) throws { put(BinaryEncoding.scalar(value)) }
}

private struct SingleValueContainer: SingleValueEncodingContainer, ScalarEncoding {
    let node: BinaryEncodingNode
    var codingPath: [any CodingKey]

    func put(_ bytes: [UInt8]) { node.setScalar(bytes) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try BinaryEncoding.encode(value, into: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: BinaryEncodingNode
    var codingPath: [any CodingKey]

    private func child(_ key: any CodingKey) -> BinaryEncodingNode {
        if let existing = node.fields[key.stringValue] { return existing }
        let child = BinaryEncodingNode()
        node.fields[key.stringValue] = child
        return child
    }

    private func set(_ bytes: [UInt8], for key: Key) { child(key).setScalar(bytes) }

    mutating func encodeNil(forKey key: Key) throws { set(BinaryEncoding.scalar(.null), for: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(BinaryEncoding.scalar(Double(value)), for: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(BinaryEncoding.scalar(value), for: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try BinaryEncoding.encode(value, into: child(key), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        BinaryEncoderImpl(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        BinaryEncoderImpl(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        BinaryEncoderImpl(node: child(SuperKey()), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        BinaryEncoderImpl(node: child(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer, ScalarEncoding {
    let node: BinaryEncodingNode
    var codingPath: [any CodingKey]

    var count: Int { node.elements.count }

    private func next() -> BinaryEncodingNode {
        let child = BinaryEncodingNode()
        node.elements.append(child)
        return child
    }

    func put(_ bytes: [UInt8]) { next().setScalar(bytes) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        try BinaryEncoding.encode(value, into: next(), codingPath: codingPath)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        BinaryEncoderImpl(node: next(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        BinaryEncoderImpl(node: next(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        BinaryEncoderImpl(node: next(), codingPath: codingPath)
    }
}
