import LossKit

/// The loss kernels of issue 12, goal 1: pixel-wise cross-entropy forward + backward on [8, 21, 256, 256].
enum KernelBenchmarks {
    static let shape = [8, 21, 256, 256]

    static var all: [Benchmark] {
        [
            crossEntropy(Float.self, name: "cross-entropy [8,21,256,256] Float"),
            crossEntropy(Double.self, name: "cross-entropy [8,21,256,256] Double"),
        ]
    }

    /// Logits ~ N(0, 2²) and uniform class targets from a fixed seed, the same for both precisions.
    static func problem() -> (logits: [Double], targets: [Int]) {
        var g = SeededGenerator(seed: 12)
        let count = shape.reduce(1, *)
        let logits = (0..<count).map { _ in g.normal(standardDeviation: 2) }
        let targets = (0..<(count / shape[1])).map { _ in Int(g.next() % UInt64(shape[1])) }
        return (logits, targets)
    }

    /// Default options: no weights, no ignored targets, no smoothing, mean reduction.
    static func crossEntropy(_: Float.Type, name: String) -> Benchmark {
        Benchmark(name: name) {
            let (x, targets) = problem()
            let logits = Tensor<Float>(shape: shape, scalars: x.map { Float($0) })
            return { blackHole(CrossEntropyLoss().valueAndGradient(logits: logits, targets: targets)) }
        }
    }

    static func crossEntropy(_: Double.Type, name: String) -> Benchmark {
        Benchmark(name: name) {
            let (x, targets) = problem()
            let logits = Tensor<Double>(shape: shape, scalars: x)
            return { blackHole(CrossEntropyLoss().valueAndGradient(logits: logits, targets: targets)) }
        }
    }
}
