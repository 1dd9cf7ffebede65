/// An experiment whose numbers depend on a random seed, run once per seed so
/// that a page can say how much they vary.
///
/// ```swift
/// struct Overfitting: SeededExperiment {
///     @Param("seed") var seed: UInt64 = 5
///     var seeds: [UInt64] { [5, 6, 7, 8, 9] }
///     …
/// }
/// ```
///
/// The build runs every seed (in parallel, each cached on its own). Prose's
/// `{{exp.key}}`, tables and figures show the first seed's run;
/// `exp.key.mean`, `.sd`, `.min`, `.max` and the format `pm:N` read all runs,
/// and a figure may draw a band over them.
public protocol SeededExperiment: Experiment {
    /// The seed of this run; the build sets it to each of ``seeds`` in turn.
    /// Usually a `@Param("seed")`, so the page shows it.
    var seed: UInt64 { get set }
    /// Every seed to run, the one shown first. At least two, all different.
    var seeds: [UInt64] { get }
}

extension SeededExperiment {
    /// One copy of the experiment per seed, in the order of ``seeds``.
    public var seededRuns: [any Experiment] {
        seeds.map { seed in
            var run = self
            run.seed = seed
            return run
        }
    }
}

extension Experiment {
    /// What the build runs: one copy per seed of a ``SeededExperiment``, else the experiment itself.
    public var runs: [any Experiment] {
        (self as? any SeededExperiment)?.seededRuns ?? [self]
    }

    /// The seeds of a ``SeededExperiment``; nil for one run.
    public var declaredSeeds: [UInt64]? {
        (self as? any SeededExperiment)?.seeds
    }
}
