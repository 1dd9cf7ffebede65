import CommonMark
import Notebook

/// The directives and their keys as the site builder passes them (FigureDirective.keys,
/// TableDirective.keys, Listing.keys).
private let directives: [(name: String, keys: [String])] = [
    ("figure", ["experiment", "plot", "label", "caption", "width"]),
    ("table", ["experiment", "table", "label", "caption"]),
    ("listing", ["source", "region"]),
]

/// libFuzzer entry: the first byte picks the directive; the rest is the block's body.
/// Diagnostics are fine answers; crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectives(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let directive = directives[Int(data[0]) % directives.count]
    let literal = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    let location = SourceLocation(file: "fuzz.md", line: 3, column: 1)
    _ = DirectiveFields.parse(name: directive.name, literal: literal, location: location, allowed: directive.keys)
    return 0
}
