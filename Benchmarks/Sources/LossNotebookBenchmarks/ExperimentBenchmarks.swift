import ExperimentKit
import Experiments

/// Each experiment of the book, run in-process with the parameters it is registered with
/// (what `docgen build --no-cache` runs, without the cache, figures or pages).
enum ExperimentBenchmarks {
    static var all: [Benchmark] {
        Registry.book.ids.map { id in
            Benchmark(name: "book/experiment \(id)") {
                let experiment = Registry.book[id]!
                return {
                    do {
                        blackHole(try experiment.run())
                    } catch {
                        fatalError("experiment \(id) failed: \(error)")
                    }
                }
            }
        }
    }
}
