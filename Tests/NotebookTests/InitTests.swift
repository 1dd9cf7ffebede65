import ArgumentParser
import Foundation
import Testing
@testable import DocgenCommand
@testable import Notebook

/// `docgen init` (issue 25). scripts/check-init builds and tests the book it writes;
/// these check the files and the refusals without a build.
@Suite struct InitTests {
    @Test func writesEveryFileOfTheBook() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        let template = BookTemplate(name: "my-book", title: "Loss & *Gain*", dependency: .path("/src/LossNotebook"))
        try Docgen.Init.create(temp.path + "/book", files: template.files)
        for file in ["Package.swift", "Sources/docgen/main.swift", "Sources/BookExperiments/FirstFit.swift",
                     "Sources/BookExperiments/Registry+Book.swift", "Tests/BookExperimentsTests/FirstFitTests.swift",
                     "chapters/book.yml", "chapters/index.md", "chapters/01-first-chapter.md", "Makefile", "README.md",
                     ".gitignore", ".ci/run"] {
            #expect(FileManager.default.fileExists(atPath: temp.path + "/book/" + file), "\(file)")
        }
        let run = try FileManager.default.attributesOfItem(atPath: temp.path + "/book/.ci/run")
        #expect((run[.posixPermissions] as? Int).map { $0 & 0o100 != 0 } == true, ".ci/run is executable")
        let manifest = try String(contentsOfFile: temp.path + "/book/Package.swift", encoding: .utf8)
        #expect(manifest.contains(".package(path: \"/src/LossNotebook\")"))
        #expect(manifest.contains("let docgenPackage = \"LossNotebook\""))
        #expect(manifest.contains(".executableTarget(\n            name: \"docgen\","))
        // The title reaches book.yml (which docgen reads back) and the preface, escaped for each.
        let yml = try String(contentsOfFile: temp.path + "/book/chapters/book.yml", encoding: .utf8)
        #expect(try BookSettings(parsing: yml, path: "book.yml").title == "Loss & *Gain*")
        let preface = try String(contentsOfFile: temp.path + "/book/chapters/index.md", encoding: .utf8)
        #expect(preface.hasPrefix("# Loss \\& \\*Gain\\*\n"))
    }

    @Test func dependsByURLAndVersion() {
        let template = BookTemplate(name: "b", title: "T", dependency: .url("file:///tmp/x/LossNotebook.git", version: "1.2.0"))
        #expect(template.packageManifest.contains(".package(url: \"file:///tmp/x/LossNotebook.git\", from: \"1.2.0\")"))
        #expect(template.packageManifest.contains("let docgenPackage = \"LossNotebook\""))
    }

    @Test func refusesAFileOrADirectoryThatIsNotEmpty() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("full/notes.txt", "mine\n")
        try temp.write("file", "mine\n")
        let files = BookTemplate(name: "b", title: "T", dependency: .path("/x")).files
        for (name, reason) in [("full", "the directory is not empty (it holds notes.txt)"), ("file", "it is a file")] {
            do {
                try Docgen.Init.create(temp.path + "/" + name, files: files)
                Issue.record("wrote into \(name)")
            } catch {
                #expect(error.diagnostics.map(\.description) == ["\(temp.path)/\(name): error: refusing to create a book here: \(reason)"])
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path + "/full") == ["notes.txt"])
        // An empty directory is fine.
        try FileManager.default.createDirectory(atPath: temp.path + "/empty", withIntermediateDirectories: false)
        try Docgen.Init.create(temp.path + "/empty", files: files)
    }

    @Test func initIsACommand() throws {
        let command = try Docgen.parseAsRoot(["init", "somewhere", "--title", "T", "--docgen-path", "."])
        #expect(command is Docgen.Init)
        #expect(throws: (any Error).self) { try Docgen.parseAsRoot(["init", "x", "--title", "two\nlines"]) }
    }
}
