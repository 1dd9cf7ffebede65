/// `items.map(transform)` with up to `jobs` items in flight at once; the
/// results are in the order of `items` whatever order they finish in, so the
/// output never depends on `jobs` or on timing.
func concurrentMap<Item: Sendable, Output: Sendable>(
    _ items: [Item], jobs: Int, _ transform: @escaping @Sendable (Item) -> Output
) async -> [Output] {
    guard jobs > 1, items.count > 1 else { return items.map(transform) }
    var outputs = [Output?](repeating: nil, count: items.count)
    await withTaskGroup(of: (Int, Output).self) { group in
        var next = 0
        func startNext() {
            guard next < items.count else { return }
            let index = next
            next += 1
            group.addTask { (index, transform(items[index])) }
        }
        for _ in 0..<jobs { startNext() }
        for await (index, output) in group {
            outputs[index] = output
            startNext()
        }
    }
    return outputs.map { $0! }
}
