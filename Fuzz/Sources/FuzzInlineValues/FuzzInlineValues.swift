import CommonMark
import Notebook

/// libFuzzer entry: any bytes as a text node of prose. Diagnostics are fine answers;
/// crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInlineValues(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = InlineValue.scan(text, at: SourceLocation(file: "fuzz.md", line: 1, column: 1))
    return 0
}
