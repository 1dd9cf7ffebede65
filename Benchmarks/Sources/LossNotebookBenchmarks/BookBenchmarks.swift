import Foundation

/// The release `docgen` binary building the real book, as a child process
/// (issue 12, goals 2, 3 and 5): wall time, the child's CPU time and its peak
/// memory per run.
///
/// Runs from the package root, as `swift run docgen` does: the cache key and
/// `listing` paths are taken from there. Writes only into temporary
/// directories (removed afterwards) and `.docgen-cache/`.
enum BookBenchmarks {
    /// The package this benchmark package sits in.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// `--docgen PATH`, else `$DOCGEN`, else the root package's release build.
    static func docgenPath(_ option: String?) -> String {
        let environment = ProcessInfo.processInfo.environment["DOCGEN"].flatMap { $0.isEmpty ? nil : $0 }
        let path = option ?? environment ?? packageRoot + "/.build/release/docgen"
        // Absolute, since the book benchmarks run from the package root.
        return path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    }

    /// The chapter whose prose the edit rebuild changes.
    static let editedChapter = "03-bce-vs-cce.md"

    static func all(docgen: String) -> [Benchmark] {
        [coldBuild(docgen: docgen), editRebuild(docgen: docgen), warmBuild(docgen: docgen)]
    }

    /// `docgen build --no-cache`: every experiment runs, every file is written.
    static func coldBuild(docgen: String) -> Benchmark {
        let usage = ChildUsage()
        return Benchmark(name: "book/cold build (--no-cache)", child: usage) {
            let temp = TemporaryDirectory()
            prepare(docgen)
            return {
                // A new output directory every run: nothing to compare against, everything written.
                let output = temp.path + "/site-\(UUID().uuidString)"
                ChildProcess.run(docgen, ["build", "--no-cache", "--output", output], log: temp.path + "/docgen.log", usage: usage)
                try? FileManager.default.removeItem(atPath: output)
                blackHole(temp)
            }
        }
    }

    /// A warm cache and a previous output; each run appends a sentence to one
    /// chapter of a copy of `chapters/` and builds it again.
    static func editRebuild(docgen: String) -> Benchmark {
        let usage = ChildUsage()
        return Benchmark(name: "book/edit rebuild (one chapter's prose)", child: usage) {
            let temp = TemporaryDirectory()
            prepare(docgen)
            let chapters = temp.path + "/chapters"
            do {
                try FileManager.default.copyItem(atPath: packageRoot + "/chapters", toPath: chapters)
            } catch {
                ChildProcess.fail("cannot copy the chapters: \(error)")
            }
            let arguments = ["build", "--chapters", chapters, "--output", temp.path + "/site"]
            let log = temp.path + "/docgen.log"
            // Fills the cache (if it is not already) and writes the output the timed runs update.
            ChildProcess.run(docgen, arguments, log: log, usage: usage)
            let edited = chapters + "/" + editedChapter
            var edits = 0
            return {
                edits += 1
                append("\nThis sentence was added by the edit-rebuild benchmark, run \(edits).\n", to: edited)
                ChildProcess.run(docgen, arguments, log: log, usage: usage)
                blackHole(temp)
            }
        }
    }

    /// A warm cache and an up-to-date output; each run builds the real
    /// `chapters/` again unchanged: every experiment comes from the cache and
    /// no file is rewritten (what issue 19 compares the cache's cost with).
    static func warmBuild(docgen: String) -> Benchmark {
        let usage = ChildUsage()
        return Benchmark(name: "book/warm build (no change)", child: usage) {
            let temp = TemporaryDirectory()
            prepare(docgen)
            let arguments = ["build", "--output", temp.path + "/site"]
            let log = temp.path + "/docgen.log"
            // Fills the cache (if it is not already) and writes the output.
            ChildProcess.run(docgen, arguments, log: log, usage: usage)
            return {
                ChildProcess.run(docgen, arguments, log: log, usage: usage)
                blackHole(temp)
            }
        }
    }

    /// Checks the binary and works from the package root from here on.
    static func prepare(_ docgen: String) {
        guard FileManager.default.isExecutableFile(atPath: docgen) else {
            ChildProcess.fail("""
                no docgen binary at \(docgen): build it with `swift build -c release --product docgen` \
                in \(packageRoot), or pass --docgen PATH (or set DOCGEN)
                """)
        }
        guard FileManager.default.changeCurrentDirectoryPath(packageRoot) else {
            ChildProcess.fail("cannot change to the package root \(packageRoot)")
        }
    }

    static func append(_ text: String, to path: String) {
        guard let handle = FileHandle(forWritingAtPath: path) else { ChildProcess.fail("cannot open \(path)") }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
        handle.closeFile()
    }
}

/// A fresh directory under the system's temp dir, removed with everything in
/// it when the last closure holding it is released (after its benchmark).
final class TemporaryDirectory: Sendable {
    let path: String

    init() {
        var template = Array((NSTemporaryDirectory() + "/lossnotebook-bench.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { ChildProcess.fail("mkdtemp failed") }
        path = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}
