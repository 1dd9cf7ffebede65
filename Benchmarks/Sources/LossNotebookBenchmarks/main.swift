import LossKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs every benchmark whose name contains `--filter` (all by default):
/// one untimed warm-up, then `--runs` timed runs (default 11, at least 5).
/// Prints one line per benchmark:
///
///     <name>\tmedian_ms=<m>\tmin_ms=<a>\tmax_ms=<b>\tcpu_median_ms=<c>\tcpu_min_ms=<d>\tcpu_max_ms=<e>\truns=<n>
///
/// (wall-clock, then on-CPU time of the thread, in milliseconds).
var runs = 11
var filter = ""
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = Int(arguments.next() ?? "") ?? runs
    case "--filter": filter = arguments.next() ?? ""
    case "--vector-unit":
        print(VectorUnit.description)
        exit(0)
    default:
        print("usage: lossnotebook-benchmarks [--runs N] [--filter TEXT] | --vector-unit")
        exit(2)
    }
}
runs = max(runs, 5)

// Each group is a list of `Benchmark`s; the book-build groups (cold build, edit rebuild, experiments) go here too.
let benchmarks = KernelBenchmarks.all
for benchmark in benchmarks where filter.isEmpty || benchmark.name.contains(filter) {
    let body = benchmark.setUp()
    _ = milliseconds(body)
    let samples = (0..<runs).map { _ in milliseconds(body) }
    let wall = Summary(samples.map(\.wall)), cpu = Summary(samples.map(\.cpu))
    func f(_ x: Double) -> String { String(Int((x * 100).rounded())).padded(decimals: 2) }
    print("\(benchmark.name)\tmedian_ms=\(f(wall.median))\tmin_ms=\(f(wall.min))\tmax_ms=\(f(wall.max))"
          + "\tcpu_median_ms=\(f(cpu.median))\tcpu_min_ms=\(f(cpu.min))\tcpu_max_ms=\(f(cpu.max))\truns=\(runs)")
}

extension String {
    /// "12345" with 2 decimals → "123.45".
    func padded(decimals: Int) -> String {
        var digits = self
        while digits.count <= decimals { digits = "0" + digits }
        return String(digits.dropLast(decimals)) + "." + String(digits.suffix(decimals))
    }
}
