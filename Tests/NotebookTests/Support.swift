import Foundation
@testable import Notebook

/// Paths and temp directories shared by the Notebook tests.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let packageRoot = root.deletingLastPathComponent().deletingLastPathComponent()

    /// True when goldens should be rewritten instead of compared.
    static var updating: Bool { ProcessInfo.processInfo.environment["DOCGEN_UPDATE_GOLDENS"] == "1" }
}

/// A fresh directory under the system temp dir, removed by `remove()`.
struct TempDirectory {
    let url: URL
    var path: String { url.path }

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("docgen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }
}

/// What an earlier build left in `directory` (relative to `temp`): `files`, and
/// a `.docgen-output` marker listing them, as docgen writes it.
func writeEarlierOutput(_ temp: TempDirectory, _ directory: String, _ files: [String: String]) throws {
    for (relative, text) in files { try temp.write(directory + "/" + relative, text) }
    try temp.write(directory + "/" + OutputDirectory.markerName, OutputMarker(files: Set(files.keys)).text)
}

/// The pid of a process that has exited: an owner that is gone.
func exitedProcessID() throws -> Int32 {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exit 0"]
    try process.run()
    process.waitUntilExit()
    return process.processIdentifier
}

/// Every file below a directory with its bytes: a snapshot to compare.
func snapshot(_ directory: String) -> [String: Data] {
    var files: [String: Data] = [:]
    let base = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return files }
    while let relative = enumerator.nextObject() as? String {
        var isDirectory: ObjCBool = false
        let path = base + "/" + relative
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            files[relative] = FileManager.default.contents(atPath: path)
        }
    }
    return files
}

/// Builds with the fixture experiments and no cache, returning the diagnostics instead of throwing.
func build(chapters: String, output: String, packageRoot: String) async -> [Diagnostic] {
    await build(BuildOptions(chaptersDirectory: chapters, outputDirectory: output, packageRoot: packageRoot,
                             registry: FixtureExperiments.registry, useCache: false))
}

func build(_ options: BuildOptions) async -> [Diagnostic] {
    do {
        _ = try await Builder.build(options)
        return []
    } catch {
        return error.diagnostics
    }
}
