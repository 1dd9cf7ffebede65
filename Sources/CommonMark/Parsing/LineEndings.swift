/// Line breaks as CommonMark defines them: `\n`, `\r\n`, or a `\r` alone (old Mac files).
///
/// cmark counts all three as one line break, but every other place that turns an offset
/// into `line:column` (math protection, TeX and derivation errors, directive lines, the
/// UTF-8 check) counts `\n`. Rather than teach each of them, chapters are normalised once,
/// where they enter: every `\r\n` and every lone `\r` becomes `\n`. Line and column numbers
/// of the normalised text are those of the file (a `\r` only ever ends a line), so errors
/// point where an editor shows them.
public enum LineEndings {
    /// `bytes` with every `\r\n` and lone `\r` replaced by `\n`. Safe on UTF-8 that is not yet
    /// validated: the byte 0x0D never occurs inside a multi-byte sequence.
    public static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        guard bytes.contains(0x0D) else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                out.append(0x0A)
                if index + 1 < bytes.count && bytes[index + 1] == 0x0A { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        return out
    }

    /// `text` with every `\r\n` and lone `\r` replaced by `\n`.
    public static func normalized(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        return String(decoding: normalized(Array(text.utf8)), as: UTF8.self)
    }
}
