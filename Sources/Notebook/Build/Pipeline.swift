/// Runs stages in order and reports `[i/n] name` before each one, then any
/// lines the stage logged.
public struct Pipeline: Sendable {
    public var stages: [Stage]

    public init(_ stages: [Stage]) {
        self.stages = stages
    }

    public func run(_ state: BuildState, progress: (String) -> Void = { _ in }) async throws(BuildFailure) -> BuildState {
        var state = state
        for (index, stage) in stages.enumerated() {
            progress("[\(index + 1)/\(stages.count)] \(stage.name)")
            let logged = state.log.count
            state = try await stage.run(state)
            state.log[logged...].forEach(progress)
        }
        return state
    }
}
