/// Decodes UTF-8 strictly and says where the first bad byte is.
enum UTF8Validation {
    struct BadByte: Error, Equatable {
        var line: Int
        var column: Int
        var byte: UInt8
    }

    static func decode(_ bytes: [UInt8]) -> Result<String, BadByte> {
        // A byte-order mark is not part of the text.
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        if let text = String(validating: body, as: UTF8.self) { return .success(text) }
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = body.makeIterator()
        var offset = 0
        var line = 1
        var lineStart = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                if encoded.count == 1 && encoded.first == 0x0A {
                    line += 1
                    lineStart = offset + 1
                }
                offset += encoded.count
            case .error:
                return .failure(BadByte(line: line, column: offset - lineStart + 1, byte: body[offset]))
            case .emptyInput:
                return .success(String(decoding: body, as: UTF8.self))
            }
        }
    }
}
