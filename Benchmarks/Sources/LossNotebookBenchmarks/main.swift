import LossKit
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs every benchmark whose name contains a `--filter` (all by default;
/// `--filter` may be given more than once):
/// one untimed warm-up, then `--runs` timed runs (default 11, at least 5).
/// With `--interleave` all of them are set up and warmed up first, then timed
/// in rounds, one run of each per round, so that a load on a shared machine
/// falls on all of them alike (for comparing them with each other).
/// Prints one line per benchmark:
///
///     <name>\tmedian_ms=<m>\tmin_ms=<a>\tmax_ms=<b>\tcpu_median_ms=<c>\tcpu_min_ms=<d>\tcpu_max_ms=<e>\truns=<n>
///
/// (wall-clock, then on-CPU time of the thread, in milliseconds). Benchmarks
/// that run `docgen` as a child process report the child's CPU time (user +
/// system) instead, and add `peak_rss_median_mb=<r>\tpeak_rss_max_mb=<s>`
/// (the child's maximum resident set size). The `cache/` group first prints a
/// `cache/bytes <format>` line per format: entries, total and largest payload.
var runs = 11
var filters: [String] = []
var docgen: String?
var interleave = false
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--runs": runs = Int(arguments.next() ?? "") ?? runs
    case "--filter": filters.append(arguments.next() ?? "")
    case "--docgen": docgen = arguments.next()
    case "--interleave": interleave = true
    case "--vector-unit":
        print(VectorUnit.description)
        exit(0)
    default:
        print("usage: lossnotebook-benchmarks [--runs N] [--filter TEXT]... [--interleave] [--docgen PATH] | --vector-unit")
        exit(2)
    }
}
runs = max(runs, 5)

// Each group is a list of `Benchmark`s.
let benchmarks = KernelBenchmarks.all + BookBenchmarks.all(docgen: BookBenchmarks.docgenPath(docgen)) + ExperimentBenchmarks.all
    + CacheBenchmarks.all
let selected = benchmarks.filter { benchmark in filters.isEmpty || filters.contains { benchmark.name.contains($0) } }
if selected.contains(where: { $0.name.hasPrefix("cache/") }) {
    CacheBenchmarks.sizeReport().forEach { print($0) }
    fflush(nil)
}

typealias Sample = (wall: Double, cpu: Double, rss: Double)

func measure(_ benchmark: Benchmark, _ body: () -> Void) -> Sample {
    let time = milliseconds(body)
    guard let child = benchmark.child else { return (wall: time.wall, cpu: time.cpu, rss: 0.0) }
    return (wall: time.wall, cpu: child.cpuMilliseconds, rss: child.peakResidentMB)
}

func report(_ benchmark: Benchmark, _ samples: [Sample]) {
    let wall = Summary(samples.map(\.wall)), cpu = Summary(samples.map(\.cpu))
    func f(_ x: Double) -> String { String(Int((x * 100).rounded())).padded(decimals: 2) }
    var line = "\(benchmark.name)\tmedian_ms=\(f(wall.median))\tmin_ms=\(f(wall.min))\tmax_ms=\(f(wall.max))"
        + "\tcpu_median_ms=\(f(cpu.median))\tcpu_min_ms=\(f(cpu.min))\tcpu_max_ms=\(f(cpu.max))"
    if benchmark.child != nil {
        let rss = Summary(samples.map(\.rss))
        line += "\tpeak_rss_median_mb=\(f(rss.median))\tpeak_rss_max_mb=\(f(rss.max))"
    }
    print(line + "\truns=\(samples.count)")
    fflush(nil)  // each line as it is measured, also into a pipe
}

if interleave {
    let bodies = selected.map { benchmark in
        let body = benchmark.setUp()
        _ = milliseconds(body)
        return body
    }
    var samples = [[Sample]](repeating: [], count: selected.count)
    for _ in 0..<runs {
        for (index, benchmark) in selected.enumerated() { samples[index].append(measure(benchmark, bodies[index])) }
    }
    for (index, benchmark) in selected.enumerated() { report(benchmark, samples[index]) }
} else {
    for benchmark in selected {
        let body = benchmark.setUp()
        _ = milliseconds(body)
        report(benchmark, (0..<runs).map { _ in measure(benchmark, body) })
    }
}
if selected.contains(where: { $0.name.hasPrefix("cache/") }) { CacheBenchmarks.finish() }

extension String {
    /// "12345" with 2 decimals → "123.45".
    func padded(decimals: Int) -> String {
        var digits = self
        while digits.count <= decimals { digits = "0" + digits }
        return String(digits.dropLast(decimals)) + "." + String(digits.suffix(decimals))
    }
}
