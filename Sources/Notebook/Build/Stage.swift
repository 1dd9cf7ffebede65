/// A named step of the build: a value in, a value out, or the problems found.
public struct Stage: Sendable {
    public var name: String
    public var run: @Sendable (BuildState) async throws(BuildFailure) -> BuildState

    public init(_ name: String, run: @escaping @Sendable (BuildState) async throws(BuildFailure) -> BuildState) {
        self.name = name
        self.run = run
    }
}
