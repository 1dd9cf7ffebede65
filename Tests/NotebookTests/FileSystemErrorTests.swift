import Foundation
import Testing
@testable import Notebook

/// I/O failures read like the other diagnostics: a path, what failed, why in words.
@Suite struct FileSystemErrorTests {
    @Test func errnoValuesAndFoundationErrorsBecomeWords() {
        #expect(FileSystemError.reason(errno: ENOTDIR) == "a part of the path is not a directory")
        #expect(FileSystemError.reason(errno: EACCES) == "permission denied")
        #expect(FileSystemError.reason(errno: ENOSPC) == "no space left on device")
        #expect(FileSystemError.reason(errno: EEXIST) == "it already exists")
        #expect(FileSystemError.reason(errno: EROFS) == "the file system is read-only")
        #expect(FileSystemError.reason(CocoaError(.fileWriteFileExists)) == "it already exists")
        #expect(FileSystemError.reason(CocoaError(.fileWriteOutOfSpace)) == "no space left on device")
        #expect(FileSystemError.reason(CocoaError(.fileWriteNoPermission)) == "permission denied")
        #expect(FileSystemError.reason(POSIXError(.ENOSPC)) == "no space left on device")
        let wrapped = NSError(domain: NSCocoaErrorDomain, code: CocoaError.fileWriteUnknown.rawValue,
                              userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOTDIR))])
        #expect(FileSystemError.reason(wrapped) == "a part of the path is not a directory")
    }

    /// A chapter that cannot be read says why: here, a directory named like a chapter.
    @Test func anUnreadableChapterSaysWhy() async throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("chapters/index.md", "# Book\n\nText.\n")
        try FileManager.default.createDirectory(atPath: temp.path + "/chapters/01-folder.md", withIntermediateDirectories: true)
        let diagnostics = await build(chapters: temp.path + "/chapters", output: temp.path + "/site", packageRoot: temp.path)
        #expect(diagnostics.map(\.message) == ["could not read the chapter: it is a directory"])
        #expect(try FileOperations.read(temp.path + "/chapters/index.md", action: "read") == Array("# Book\n\nText.\n".utf8))
    }

    /// What Foundation throws for a real failure comes out in words, with the path.
    @Test func aRealFailureNamesThePathAndTheReason() throws {
        let temp = try TempDirectory()
        defer { temp.remove() }
        try temp.write("afile", "text\n")
        do {
            try FileOperations.makeDirectories(temp.path + "/afile/site")
            Issue.record("a directory was made below a file")
        } catch {
            let line = error.diagnostic().description
            #expect(line.hasPrefix(temp.path + "/afile/site: error: could not create the directory: "), "\(line)")
            #expect(line.hasSuffix("/afile is not a directory"), "\(line)")
        }
        do {
            try FileOperations.writeNewFile(temp.path + "/afile", [1])
            Issue.record("an existing file was overwritten")
        } catch {
            #expect(error.diagnostic().description == temp.path + "/afile: error: could not create the file: it already exists")
        }
        do {
            try FileOperations.removeTree(temp.path + "/absent")
            Issue.record("removing nothing succeeded")
        } catch {
            let line = error.diagnostic().description
            #expect(line == temp.path + "/absent: error: could not remove: no such file or directory")
            #expect(!line.contains("Domain") && !line.contains("UserInfo"))
        }
    }
}
