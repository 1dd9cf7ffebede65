@_spi(Fuzzing) import CommonMark
@_spi(Fuzzing) import Notebook

/// libFuzzer entry: any bytes as a chapter. A parse error is a fine answer; a crash, hang,
/// sanitizer report or a broken invariant of math protection is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMathScanner(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    // docgen rejects invalid UTF-8 before parsing; decoding repairs it the same way.
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // Protection and restoration round trip: the source comes back, no placeholder survives,
    // no formula is restored twice (private-use characters in the input included).
    let (document, violations) = MathProtectionProbe.parse(source)
    if !violations.isEmpty { fatalError(violations.joined(separator: "; ")) }
    // The parsed chapter then goes through the HTML policy, as the parse stage does.
    if let document { _ = HTMLPolicy.check(document, source: LineEndings.normalized(source)) }
    return 0
}
