import Foundation
import PackagePlugin

/// Compiles into a module the digest of its sources and of every module it
/// uses (`CompiledSources`), so that a result computed by that code can be
/// cached under the code that ran, not under the files on disk (issue 17).
@main
struct CompiledSourcesPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appending(path: "CompiledSources.swift")
        var arguments = [output.path, context.package.directoryURL.path]
        var inputs: [URL] = []
        let ownModules = Set(context.package.targets.map(\.name))
        for case let module as SourceModuleTarget in [target] + target.recursiveTargetDependencies {
            arguments += [ownModules.contains(module.name) ? "own" : "other", module.name, module.directoryURL.path]
            inputs += module.sourceFiles.map(\.url)
        }
        return [
            .buildCommand(
                displayName: "Digest of the sources compiled into \(target.name)",
                executable: try context.tool(named: "SourceDigestTool").url,
                arguments: arguments, inputFiles: inputs, outputFiles: [output]),
        ]
    }
}
