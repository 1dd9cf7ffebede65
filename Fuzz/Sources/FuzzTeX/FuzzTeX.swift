import TeXMath
import SourceErrors

/// libFuzzer entry: the first byte picks inline math, display math or a checked
/// derivation; the rest is the TeX. Errors are fine answers; crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTeX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let tex = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let start = TextLocation(file: "fuzz.md", line: 1, column: 1)
    switch data[0] % 3 {
    case 0: _ = try? TeXFormula(tex, style: .inline, at: start)
    case 1: _ = try? TeXFormula(tex, style: .display, at: start)
    default: _ = try? CheckedDerivation(tex, file: "fuzz.md", line: 1)
    }
    return 0
}
