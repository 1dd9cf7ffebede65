@_spi(Fuzzing) import Claims

/// libFuzzer entry: any bytes as the text between `{{` and `}}`, parsed as a claim
/// or choice and as a bare expression, evaluated and printed. Errors are fine
/// answers; a crash, hang, sanitizer report or broken invariant is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzClaims(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let body = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let violations = ClaimsProbe.violations(in: body)
    if !violations.isEmpty { fatalError(violations.joined(separator: "; ")) }
    return 0
}
