/// The only functions in the package that turn text into markup-safe text.
public enum Escaping {
    /// Escapes character data: `&`, `<` and `>`.
    public static func text(_ string: String) -> String {
        replacingASCII(in: string) { byte in
            switch byte {
            case 0x26: "&amp;"
            case 0x3C: "&lt;"
            case 0x3E: "&gt;"
            default: nil
            }
        }
    }

    /// Escapes a double-quoted attribute value: `&`, `<`, `>` and `"`.
    public static func attribute(_ string: String) -> String {
        replacingASCII(in: string) { byte in
            switch byte {
            case 0x26: "&amp;"
            case 0x3C: "&lt;"
            case 0x3E: "&gt;"
            case 0x22: "&quot;"
            default: nil
            }
        }
    }

    /// `string` with each ASCII byte that `replacement` names replaced, the runs between copied
    /// whole. Byte by byte is exact, since UTF-8 never uses an ASCII byte inside another
    /// character; scalar by scalar, escaping was a twentieth of a large book's full build.
    private static func replacingASCII(in string: String, _ replacement: (UInt8) -> StaticString?) -> String {
        guard string.utf8.contains(where: { $0 < 0x80 && replacement($0) != nil }) else { return string }
        var string = string
        return string.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var run = 0
            for index in bytes.indices {
                guard bytes[index] < 0x80, let replaced = replacement(bytes[index]) else { continue }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                out.append(contentsOf: UnsafeBufferPointer(start: replaced.utf8Start, count: replaced.utf8CodeUnitCount))
                run = index + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run...]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
