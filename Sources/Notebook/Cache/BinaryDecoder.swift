/// Reads what `BinaryEncoder` wrote (the format is described there).
///
/// Every read is bounds-checked and every tag checked against the type asked
/// for, so damaged bytes give an error, never a crash or a wrong value of
/// another type; cache entries are also checked by their SHA-256 first.
@_spi(Benchmarks) public struct BinaryDecoder {
    @_spi(Benchmarks) public init() {}

    @_spi(Benchmarks) public func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
        let reader = BinaryReader(bytes)
        guard try reader.end(of: 0) == bytes.count else { throw reader.corrupt(at: 0, "trailing bytes after the value", []) }
        return try reader.decode(type, at: 0, codingPath: [])
    }
}

/// The bytes being decoded, shared by every container of one `decode` call.
final class BinaryReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func corrupt(at offset: Int, _ why: String, _ codingPath: [any CodingKey]) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: codingPath, debugDescription: "byte \(offset): \(why)"))
    }

    func decode<Value: Decodable>(_ type: Value.Type, at offset: Int, codingPath: [any CodingKey]) throws -> Value {
        if Value.self == [Double].self { return try doubles(at: offset, codingPath) as! Value }
        return try Value(from: BinaryDecoderImpl(reader: self, offset: offset, codingPath: codingPath))
    }

    private func load<Integer: FixedWidthInteger>(_: Integer.Type, at offset: Int) throws -> Integer {
        let size = MemoryLayout<Integer>.size
        guard offset >= 0, offset <= bytes.count - size else { throw corrupt(at: offset, "unexpected end", []) }
        return bytes.withUnsafeBytes { Integer(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: Integer.self)) }
    }

    func tag(at offset: Int) throws -> BinaryTag {
        guard let tag = BinaryTag(rawValue: try load(UInt8.self, at: offset)) else { throw corrupt(at: offset, "unknown tag", []) }
        return tag
    }

    func count(at offset: Int) throws -> Int { Int(try load(UInt32.self, at: offset)) }

    /// The offset just past the value that starts at `offset`.
    func end(of offset: Int) throws -> Int {
        let end: Int
        switch try tag(at: offset) {
        case .null, .no, .yes: end = offset + 1
        case .int, .uint, .double: end = offset + 9
        case .string: end = offset + 5 + (try count(at: offset + 1))
        case .doubles: end = offset + 5 + 8 * (try count(at: offset + 1))
        case .array, .keyed: end = offset + 9 + (try count(at: offset + 5))
        }
        guard end <= bytes.count else { throw corrupt(at: offset, "value runs past the end", []) }
        return end
    }

    /// Reads a value of tag `expected` that `type` was asked for.
    private func expect(_ expected: BinaryTag, at offset: Int, _ type: Any.Type, _ codingPath: [any CodingKey]) throws {
        let found = try tag(at: offset)
        guard found == expected else {
            throw DecodingError.typeMismatch(type, .init(codingPath: codingPath, debugDescription: "byte \(offset): found \(found)"))
        }
    }

    func bool(at offset: Int, _ codingPath: [any CodingKey]) throws -> Bool {
        switch try tag(at: offset) {
        case .yes: return true
        case .no: return false
        default: throw DecodingError.typeMismatch(Bool.self, .init(codingPath: codingPath, debugDescription: "byte \(offset)"))
        }
    }

    func double(at offset: Int, _ codingPath: [any CodingKey]) throws -> Double {
        try expect(.double, at: offset, Double.self, codingPath)
        return Double(bitPattern: try load(UInt64.self, at: offset + 1))
    }

    func string(at offset: Int, _ codingPath: [any CodingKey]) throws -> String {
        try expect(.string, at: offset, String.self, codingPath)
        let start = offset + 5, end = try self.end(of: offset)
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    func signed<Integer: FixedWidthInteger & SignedInteger>(_ type: Integer.Type, at offset: Int, _ codingPath: [any CodingKey]) throws -> Integer {
        try expect(.int, at: offset, type, codingPath)
        guard let value = Integer(exactly: try load(Int64.self, at: offset + 1)) else {
            throw corrupt(at: offset, "\(type) out of range", codingPath)
        }
        return value
    }

    func unsigned<Integer: FixedWidthInteger & UnsignedInteger>(_ type: Integer.Type, at offset: Int, _ codingPath: [any CodingKey]) throws -> Integer {
        try expect(.uint, at: offset, type, codingPath)
        guard let value = Integer(exactly: try load(UInt64.self, at: offset + 1)) else {
            throw corrupt(at: offset, "\(type) out of range", codingPath)
        }
        return value
    }

    /// A run of numbers, copied in one go.
    func doubles(at offset: Int, _ codingPath: [any CodingKey]) throws -> [Double] {
        try expect(.doubles, at: offset, [Double].self, codingPath)
        let count = try self.count(at: offset + 1)
        _ = try end(of: offset)
        return [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                for i in 0..<count {
                    buffer[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 5 + 8 * i, as: UInt64.self)))
                }
            }
            initialized = count
        }
    }

    /// The keys of a keyed value and where each value starts.
    func fields(at offset: Int, _ codingPath: [any CodingKey]) throws -> [String: Int] {
        try expect(.keyed, at: offset, [String: Any].self, codingPath)
        let count = try self.count(at: offset + 1)
        var fields: [String: Int] = [:]
        // Each field takes at least 5 bytes (key length and tag), so a damaged count cannot ask for more room than that.
        fields.reserveCapacity(min(count, (bytes.count - offset) / 5))
        var position = offset + 9
        for _ in 0..<count {
            let keyLength = try self.count(at: position)
            let keyEnd = position + 4 + keyLength
            guard keyEnd <= bytes.count else { throw corrupt(at: position, "key runs past the end", codingPath) }
            let key = bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[(position + 4)..<keyEnd]), as: UTF8.self) }
            fields[key] = keyEnd
            position = try end(of: keyEnd)
        }
        return fields
    }
}

private struct BinaryDecoderImpl: Decoder {
    let reader: BinaryReader
    let offset: Int
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(reader: reader, fields: try reader.fields(at: offset, codingPath), codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try UnkeyedContainer(reader: reader, offset: offset, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(reader: reader, offset: offset, codingPath: codingPath)
    }
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let reader: BinaryReader
    let offset: Int
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { (try? reader.tag(at: offset)) == .null }
    func decode(_ type: Bool.Type) throws -> Bool { try reader.bool(at: offset, codingPath) }
    func decode(_ type: String.Type) throws -> String { try reader.string(at: offset, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try reader.double(at: offset, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try reader.double(at: offset, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try reader.signed(type, at: offset, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try reader.signed(type, at: offset, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try reader.signed(type, at: offset, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try reader.signed(type, at: offset, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try reader.signed(type, at: offset, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try reader.unsigned(type, at: offset, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try reader.unsigned(type, at: offset, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try reader.unsigned(type, at: offset, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try reader.unsigned(type, at: offset, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try reader.unsigned(type, at: offset, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decode(type, at: offset, codingPath: codingPath) }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: BinaryReader
    let fields: [String: Int]
    var codingPath: [any CodingKey]

    var allKeys: [Key] { fields.keys.compactMap { Key(stringValue: $0) } }

    func contains(_ key: Key) -> Bool { fields[key.stringValue] != nil }

    private func offset(_ key: any CodingKey) throws -> Int {
        guard let offset = fields[key.stringValue] else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no value for '\(key.stringValue)'"))
        }
        return offset
    }

    private func value(_ key: Key) throws -> SingleValueContainer {
        SingleValueContainer(reader: reader, offset: try offset(key), codingPath: codingPath + [key])
    }

    func decodeNil(forKey key: Key) throws -> Bool { try reader.tag(at: try offset(key)) == .null }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try value(key).decode(type) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try value(key).decode(type) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try value(key).decode(type) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try value(key).decode(type) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try value(key).decode(type) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try value(key).decode(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try value(key).decode(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try value(key).decode(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try value(key).decode(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try value(key).decode(type) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try value(key).decode(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try value(key).decode(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try value(key).decode(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try value(key).decode(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try value(key).decode(type) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try BinaryDecoderImpl(reader: reader, offset: try offset(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try BinaryDecoderImpl(reader: reader, offset: try offset(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        BinaryDecoderImpl(reader: reader, offset: try offset(SuperKey()), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        BinaryDecoderImpl(reader: reader, offset: try offset(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    let reader: BinaryReader
    var codingPath: [any CodingKey]
    let count: Int?
    var currentIndex = 0
    /// Where the next element starts.
    private var position: Int
    /// A run of numbers (`[Double]` read element by element) rather than tagged values.
    private let isNumberRun: Bool

    init(reader: BinaryReader, offset: Int, codingPath: [any CodingKey]) throws {
        self.reader = reader
        self.codingPath = codingPath
        _ = try reader.end(of: offset)  // the whole array lies inside the buffer
        switch try reader.tag(at: offset) {
        case .array:
            count = try reader.count(at: offset + 1)
            position = offset + 9
            isNumberRun = false
        case .doubles:
            count = try reader.count(at: offset + 1)
            position = offset + 5
            isNumberRun = true
        default:
            throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "byte \(offset): not an array"))
        }
    }

    var isAtEnd: Bool { currentIndex >= count! }

    private mutating func next() throws -> SingleValueContainer {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "past the end of an array"))
        }
        guard !isNumberRun else {
            throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "an array of numbers"))
        }
        let element = SingleValueContainer(reader: reader, offset: position, codingPath: codingPath)
        position = try reader.end(of: position)
        currentIndex += 1
        return element
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, !isNumberRun, try reader.tag(at: position) == .null else { return false }
        _ = try next()
        return true
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        guard isNumberRun else { return try next().decode(type) }
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(type, .init(codingPath: codingPath, debugDescription: "past the end of an array"))
        }
        // The run's length was checked against the buffer when the value was measured.
        let number = Double(bitPattern: UInt64(littleEndian: reader.bytes.withUnsafeBytes {
            $0.loadUnaligned(fromByteOffset: position, as: UInt64.self)
        }))
        position += 8
        currentIndex += 1
        return number
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try next().decode(type) }
    mutating func decode(_ type: String.Type) throws -> String { try next().decode(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }
    mutating func decode(_ type: Int.Type) throws -> Int { try next().decode(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next().decode(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next().decode(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next().decode(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next().decode(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next().decode(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next().decode(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next().decode(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next().decode(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next().decode(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == Double.self { return try decode(Double.self) as! T }
        return try next().decode(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let element = try next()
        return try BinaryDecoderImpl(reader: reader, offset: element.offset, codingPath: codingPath).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let element = try next()
        return try BinaryDecoderImpl(reader: reader, offset: element.offset, codingPath: codingPath).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let element = try next()
        return BinaryDecoderImpl(reader: reader, offset: element.offset, codingPath: codingPath)
    }
}

/// The key `superDecoder()` reads under, which the container's own key type may not have.
struct SuperKey: CodingKey {
    var stringValue: String { "super" }
    var intValue: Int? { nil }
    init() {}
    init?(stringValue: String) { if stringValue != "super" { return nil } }
    init?(intValue: Int) { nil }
}
