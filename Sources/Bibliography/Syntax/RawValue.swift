/// A field value as written, after `#` concatenation and `@string` expansion, but before
/// LaTeX is resolved; every byte can be traced back to its place in the file.
struct RawValue: Sendable {
    /// A run of bytes copied from one place in the source: `start` in `bytes`, `source` in the file.
    struct Segment: Sendable {
        var start: Int
        var source: Int
    }

    var bytes: [UInt8] = []
    var segments: [Segment] = []
    /// Where the value starts in the file, so that an empty value (`{}`) still has a place.
    var origin: Int?

    /// Appends `source[range]`.
    mutating func append(_ range: Range<Int>, of source: [UInt8]) {
        if origin == nil { origin = range.lowerBound }
        guard !range.isEmpty else { return }
        segments.append(Segment(start: bytes.count, source: range.lowerBound))
        bytes.append(contentsOf: source[range])
    }

    /// Appends another value (an `@string` macro), keeping its bytes' own source places.
    mutating func append(_ other: RawValue) {
        if origin == nil { origin = other.origin }
        let shift = bytes.count
        segments.append(contentsOf: other.segments.map { Segment(start: $0.start + shift, source: $0.source) })
        bytes.append(contentsOf: other.bytes)
    }

    /// The file offset of byte `index` (of the last byte when `index` is the end).
    func sourceOffset(_ index: Int) -> Int {
        guard !segments.isEmpty else { return origin ?? 0 }
        let index = min(max(index, 0), max(bytes.count - 1, 0))
        var low = 0
        var high = segments.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].start <= index { low = middle } else { high = middle - 1 }
        }
        return segments[low].source + (index - segments[low].start)
    }
}
