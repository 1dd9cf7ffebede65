/// Runs stages in order and reports `[i/n] name` before each one.
public struct Pipeline: Sendable {
    public var stages: [Stage]

    public init(_ stages: [Stage]) {
        self.stages = stages
    }

    public func run(_ state: BuildState, progress: (String) -> Void = { _ in }) throws(BuildFailure) -> BuildState {
        var state = state
        for (index, stage) in stages.enumerated() {
            progress("[\(index + 1)/\(stages.count)] \(stage.name)")
            state = try stage.run(state)
        }
        return state
    }
}
