import ArgumentParser
import Foundation
import Notebook

/// `docgen`: builds a book's site. The commands only parse arguments, call
/// `Notebook` with the registry ``DocgenCommand/main(registry:)`` was given,
/// and map its errors to exit codes.
struct Docgen: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "docgen",
        abstract: "Build the book: Markdown chapters in, a static site with checked math out.",
        subcommands: [Build.self, Check.self, List.self, Serve.self, Init.self],
        defaultSubcommand: Build.self)

    /// Usage errors exit with 2, build errors with 1, as the README promises.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch let failure as Diagnostics {
            // Ctrl-C stopped the write: the signal handler is about to end the process with
            // that signal (as a shell expects); exiting 1 first would race it.
            while OutputWrites.wasInterrupted { pause() }
            let lines = failure.diagnostics.map(\.description).joined(separator: "\n")
            let count = failure.diagnostics.count
            standardError(lines + "\nbuild failed: \(count) error\(count == 1 ? "" : "s"); output left as it was")
            Foundation.exit(1)
        } catch {
            // Everything else comes from argument parsing: help (exit 0) or a usage error (exit 2).
            if exitCode(for: error) == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            standardError(fullMessage(for: error))
            Foundation.exit(2)
        }
    }
}

/// Writes one line to standard error (progress and diagnostics never go to stdout),
/// with control characters from paths the user gave shown as escapes.
func standardError(_ line: String) {
    FileHandle.standardError.write(Data((line.escapingControlCharacters(keepingNewlines: true) + "\n").utf8))
}
