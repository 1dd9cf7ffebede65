/// Where a claim's names get their numbers: the caller's experiment results.
///
/// The evaluator asks once for each output or parameter an expression names and
/// computes aggregates itself, so an implementation only looks values up.
public protocol ClaimEnvironment {
    /// The values of `name`, or nil when there is no such output or parameter.
    ///
    /// An output gives one value per seed, in seed order (a single run is one
    /// seed); a parameter gives its one value (only the first is read).
    func values(of name: ValueName) -> [Double]?
}

/// A dictionary from names to values is an environment: handy for tests and
/// for results already gathered.
extension Dictionary: ClaimEnvironment where Key == ValueName, Value == [Double] {
    /// The values stored under `name`.
    public func values(of name: ValueName) -> [Double]? { self[name] }
}
