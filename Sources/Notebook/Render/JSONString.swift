/// `string` as a JSON string literal, quotes included. `<`, U+2028 and U+2029 are
/// escaped as well, so the literal is also safe inside a `<script>`: the search
/// index is a script file, and serve writes its build version into one. Byte by
/// byte (every byte escaped is ASCII but the two separators' three): scalar by
/// scalar it was a fiftieth of a large book's full build.
package func jsonStringLiteral(_ string: String) -> String {
    var string = string
    return string.withUTF8 { bytes in
        var out: [UInt8] = [0x22]
        out.reserveCapacity(bytes.count + 2)
        var run = 0, index = 0
        while index < bytes.count {
            let byte = bytes[index]
            var length = 1
            let escape: String
            switch byte {
            case 0x22: escape = "\\\""
            case 0x5C: escape = "\\\\"
            case 0x0A: escape = "\\n"
            case 0x09: escape = "\\t"
            case 0x3C: escape = "\\u003c"
            case 0..<0x20: escape = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                (escape, length) = (bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029", 3)
            default:
                index += 1
                continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
            out.append(contentsOf: escape.utf8)
            index += length
            run = index
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
        out.append(0x22)
        return String(decoding: out, as: UTF8.self)
    }
}
