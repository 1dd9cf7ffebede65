import Bibliography

/// libFuzzer entry: the input is a `.bib` file. When it parses, every entry's label (with a
/// locator) and reference-list entry are formatted and serialised too. Errors are fine
/// answers; crashes, hangs and runaway memory are bugs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBibTeX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let bibliography = try? Bibliography(parsing: text, file: "fuzz.bib") else { return 0 }
    for entry in bibliography.referenceList {
        _ = bibliography.citation(entry.key, locator: "§1")
        _ = bibliography.reference(entry).map { $0.serialized() }
    }
    return 0
}
