import CommonMark

/// libFuzzer entry: any bytes as a chapter. A parse error is a fine answer; a crash,
/// hang or sanitizer report is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMathScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // docgen rejects invalid UTF-8 before parsing; decoding repairs it the same way.
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? MarkdownParser.parse(source, file: "fuzz.md")
    return 0
}
