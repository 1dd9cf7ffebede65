import ArgumentParser
import Foundation
import Notebook

extension Docgen {
    /// `docgen init PATH`: a new book, as a Swift package of its own (issue 25).
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start a new book: a Swift package with its own chapters, experiments and docgen.",
            discussion: """
                Creates PATH (which must be absent or empty) with Package.swift, Sources/docgen/main.swift, \
                an example experiment in Sources/BookExperiments, its test, chapters/ (book.yml, index.md and a \
                first chapter), a Makefile, README.md, .gitignore and .ci/run. Then, in PATH: `swift run docgen` \
                builds the book into output/, `make test` tests it.
                """)

        @Argument(help: "Directory of the new book (absent or empty).")
        var path: String

        @Option(help: "The book's title, in chapters/book.yml and on the first page.")
        var title = "My Book"

        @Option(help: ArgumentHelp(
            "Depend on the docgen package in this directory instead of fetching it (offline use, tests).",
            valueName: "dir"))
        var docgenPath: String?

        @Option(help: ArgumentHelp("The docgen package's Git URL, for a book that fetches it by version.", valueName: "url"))
        var docgenURL = BookTemplate.packageURL

        @Option(help: ArgumentHelp("The lowest docgen version the book accepts (from: VERSION).", valueName: "version"))
        var docgenVersion = BookTemplate.packageVersion

        func validate() throws {
            guard !title.trimmingCharacters(in: .whitespaces).isEmpty, !title.contains(where: \.isNewline) else {
                throw ValidationError("--title is one line of text")
            }
        }

        func run() throws {
            let dependency: BookTemplate.Dependency
            if let docgenPath {
                let directory = URL(fileURLWithPath: docgenPath).standardizedFileURL.path
                guard FileManager.default.fileExists(atPath: directory + "/Package.swift") else {
                    throw Diagnostics(Diagnostic(path: docgenPath, message: "--docgen-path names no Swift package: there is no Package.swift in it"))
                }
                dependency = .path(directory)
            } else {
                dependency = .url(docgenURL, version: docgenVersion)
            }
            let target = URL(fileURLWithPath: path).standardizedFileURL
            let template = BookTemplate(name: target.lastPathComponent, title: title, dependency: dependency)
            try Self.create(path, files: template.files)
            print("""
                created a book in \(path). Next:
                  cd \(path)
                  swift run docgen      # builds the book into output/ (open output/index.html)
                  make test             # its tests, and the book checked with --strict
                """)
        }

        /// Writes `files` under `path`, which must be absent or an empty directory.
        static func create(_ path: String, files: [BookTemplate.File]) throws(Diagnostics) {
            let fileManager = FileManager.default
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: path, isDirectory: &isDirectory) {
                guard isDirectory.boolValue else {
                    throw Diagnostics(Diagnostic(path: path, message: "refusing to create a book here: it is a file"))
                }
                let contents = (try? fileManager.contentsOfDirectory(atPath: path)) ?? []
                guard contents.isEmpty else {
                    throw Diagnostics(Diagnostic(path: path, message:
                        "refusing to create a book here: the directory is not empty (it holds \(contents.sorted().prefix(3).joined(separator: ", "))\(contents.count > 3 ? ", …" : ""))"))
                }
            }
            for file in files {
                let full = path + "/" + file.path
                do {
                    try fileManager.createDirectory(
                        atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                    try Data(file.contents.utf8).write(to: URL(fileURLWithPath: full))
                    if file.executable {
                        try fileManager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: full)
                    }
                } catch {
                    throw Diagnostics(Diagnostic(path: full, message: "could not write the file: \(error.localizedDescription)"))
                }
            }
        }
    }
}
