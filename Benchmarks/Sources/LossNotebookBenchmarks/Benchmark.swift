#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One named workload: `setUp` runs once, untimed, and returns the closure that is timed.
///
/// A benchmark whose timed closure runs a child process (the book builds) gives
/// its `ChildUsage`: its CPU figures are then the child's, and its peak memory
/// is reported too.
struct Benchmark {
    var name: String
    var child: ChildUsage?
    var setUp: () -> () -> Void

    init(name: String, child: ChildUsage? = nil, setUp: @escaping () -> () -> Void) {
        self.name = name
        self.child = child
        self.setUp = setUp
    }
}

/// Wall-clock and on-CPU time of one call, in milliseconds.
///
/// The CPU time of the calling thread is what the work cost even when other
/// processes share the cores; the wall time is what a user waits.
func milliseconds(_ body: () -> Void) -> (wall: Double, cpu: Double) {
    func now(_ clock: clockid_t) -> Double {
        var t = timespec()
        clock_gettime(clock, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) / 1e6
    }
    let wall = now(CLOCK_MONOTONIC), cpu = now(CLOCK_THREAD_CPUTIME_ID)
    body()
    return (now(CLOCK_MONOTONIC) - wall, now(CLOCK_THREAD_CPUTIME_ID) - cpu)
}

/// Keeps a result alive so that the optimiser cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// Median, minimum and maximum of the timed runs.
struct Summary {
    var median: Double
    var min: Double
    var max: Double

    init(_ samples: [Double]) {
        let sorted = samples.sorted()
        let mid = sorted.count / 2
        median = sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        min = sorted.first!
        max = sorted.last!
    }
}
