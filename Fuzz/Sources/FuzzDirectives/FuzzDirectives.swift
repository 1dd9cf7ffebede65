import CommonMark
@_spi(Fuzzing) import Notebook

/// libFuzzer entry: the first byte picks the block; the rest is its body. The directives
/// and their keys are the site builder's own (`DirectiveKeys.all`); after them come the
/// blocks with Markdown bodies, exercises and callouts, parsed as a whole chapter
/// (`DirectiveKeys.markdownBlocks`). Diagnostics are fine answers; crashes and hangs are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectives(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let mode = Int(data[0]) % (DirectiveKeys.all.count + DirectiveKeys.markdownBlocks.count)
    let literal = String(decoding: UnsafeBufferPointer(start: data + 1, count: size - 1), as: UTF8.self)
    guard mode < DirectiveKeys.all.count else {
        _ = DirectiveKeys.parseChapter(block: DirectiveKeys.markdownBlocks[mode - DirectiveKeys.all.count], body: literal)
        return 0
    }
    let directive = DirectiveKeys.all[mode]
    let location = SourceLocation(file: "fuzz.md", line: 3, column: 1)
    _ = DirectiveFields.parse(name: directive.name, literal: literal, location: location, allowed: directive.keys)
    return 0
}
