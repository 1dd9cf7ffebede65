extension Stage {
    /// Refuses an output path docgen does not own, before any work is done.
    public static let checkOutputDirectory = Stage("check output directory") { state throws(BuildFailure) in
        var state = state
        state.output = try OutputDirectory.validate(
            state.options.outputDirectory,
            chaptersDirectory: state.options.chaptersDirectory,
            packageRoot: state.options.packageRoot)
        return state
    }

    /// Writes the site beside the output directory and swaps it in.
    public static let writeOutput = Stage("write output") { state throws(BuildFailure) in
        guard let output = state.output, let site = state.site else { throw BuildFailure([]) }
        var state = state
        let report = try await output.replace(with: site)
        state.log += report.notes
        state.log.append(report.wrote ? "    \(report.changed) of \(site.files.count) files changed" : "    output unchanged: nothing written")
        return state
    }
}
