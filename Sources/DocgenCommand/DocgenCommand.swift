import ExperimentKit
import Foundation

/// The `docgen` command line as a library, so that a book in any package gets
/// the same `build`, `check`, `list` and `serve` with a `main.swift` of its own
/// that only names its experiments:
///
/// ```swift
/// import DocgenCommand
/// import MyBookExperiments
///
/// await DocgenCommand.main(registry: .myBook)
/// ```
///
/// `docgen init` writes such a package. Its executable target may be called
/// `docgen`, as this package's is: this package declares no `docgen` product,
/// so SwiftPM never builds or runs its executable for a book that depends on
/// it. `serve` rebuilds the book's executable with `swift build --product
/// <its name>` when the book's `Sources/` change.
public enum DocgenCommand {
    /// Parses the process's arguments, runs the command and exits: 0 on success
    /// or `--help`, 1 when the build fails (its diagnostics on standard error),
    /// 2 on a usage error. Never returns, so that the exit code is the command's
    /// in every case; Ctrl-C during a build ends the process with the signal.
    ///
    /// - Parameter registry: the book's experiments, by id, and the code they
    ///   were compiled from; every command builds with it.
    public static func main(registry: Registry) async -> Never {
        await $registry.withValue(registry) {
            await Docgen.main()
        }
        exit(0)
    }

    /// The registry of the running command: a task-local value, not a global
    /// variable, so the commands read it without shared mutable state and a
    /// test can run them with a registry of its own.
    @TaskLocal static var registry: Registry?

    /// ``registry``, which every command runs inside of.
    static var currentRegistry: Registry {
        guard let registry else {
            preconditionFailure("docgen's commands run inside DocgenCommand.main(registry:), which names the registry")
        }
        return registry
    }
}
