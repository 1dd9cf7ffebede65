import CommonMark
import Foundation

/// Reads the chapter files of one directory.
struct ChapterReader {
    let directory: String

    /// The chapters, the preface first, then by number. A chapter whose path is in `unread` is
    /// listed but not read, its text left empty: the sources record vouches for its bytes, and
    /// its text (`text(of:)`) is needed only if its page must be parsed.
    func read(leavingUnread unread: Set<String> = []) throws(Diagnostics) -> [SourceFile] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw Diagnostics(Diagnostic(path: directory, message: "chapters directory not found"))
        }
        guard isDirectory.boolValue else {
            throw Diagnostics(Diagnostic(path: directory, message: "chapters path is not a directory"))
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw Diagnostics(FileSystemError(path: directory, action: "list the chapters directory", error: error).diagnostic())
        }

        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        for name in names where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = joinPath(directory, name)
            let number: Int?, slug: String
            switch Self.numberAndSlug(of: name) {
            case .success(let parts):
                (number, slug) = parts
            case .failure(let problem):
                diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message: problem.message))
                continue
            }
            if number != nil, let reserved = GeneratedPage.reservedSlugs.first(where: { $0 == slug.lowercased() }) {
                diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message:
                    "a chapter may not be named '\(slug)': docgen writes \(reserved).html itself; reserved names, "
                    + "in any letter case: \(GeneratedPage.reservedSlugs.joined(separator: ", "))"))
                continue
            }
            if unread.contains(path) {
                sources.append(SourceFile(path: path, number: number, slug: slug, text: ""))
                continue
            }
            switch Self.text(of: path, action: "read the chapter") {
            case .success(let text): sources.append(SourceFile(path: path, number: number, slug: slug, text: text))
            case .failure(let problem): diagnostics.append(problem)
            }
        }
        if !names.contains("index.md") {
            diagnostics.append(Diagnostic(path: joinPath(directory, "index.md"), message:
                "missing the landing page: every book has an index.md (the preface)"))
        }
        diagnostics += Self.duplicateSlugs(sources)
        try Diagnostics.check(diagnostics)
        // The preface first, then chapters by number, then by name.
        return sources.sorted { a, b in
            switch (a.number, b.number) {
            case (nil, nil): a.path < b.path
            case (nil, _): true
            case (_, nil): false
            case let (x?, y?): x != y ? x < y : a.path < b.path
            }
        }
    }

    /// A file's text (a chapter, the bibliography, the settings): its bytes with one line-break
    /// convention from here on (see LineEndings), checked to be UTF-8.
    static func text(of path: String, action: String) -> Result<String, Diagnostic> {
        let data: [UInt8]
        do {
            data = try FileOperations.read(path, action: action)
        } catch {
            return .failure(error.diagnostic())
        }
        switch UTF8Validation.decode(LineEndings.normalized(data)) {
        case .success(let text):
            return .success(text)
        case .failure(let position):
            return .failure(Diagnostic(path: path, line: position.line, column: position.column, message:
                "file is not valid UTF-8 (byte 0x\(String(position.byte, radix: 16, uppercase: true)))"))
        }
    }

    /// The file citations refer to, `references.bib` beside the chapters; nil when there is none.
    func bibliography() throws(Diagnostics) -> SourceFile? {
        let path = joinPath(directory, "references.bib")
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        switch Self.text(of: path, action: "read the bibliography") {
        case .success(let text): return SourceFile(path: path, number: nil, slug: "references", text: text)
        case .failure(let problem): throw Diagnostics(problem)
        }
    }

    /// `book.yml` beside the chapters, read; the defaults when there is none.
    func settings() throws(Diagnostics) -> BookSettings {
        let path = joinPath(directory, "book.yml")
        guard FileManager.default.fileExists(atPath: path) else { return BookSettings() }
        switch Self.text(of: path, action: "read the book's settings") {
        case .success(let text): return try BookSettings(parsing: text, path: path)
        case .failure(let problem): throw Diagnostics(problem)
        }
    }

    /// What is wrong with a chapter file name, in words.
    struct NameProblem: Error, Equatable {
        var message: String
    }

    /// `03-bce-vs-cce.md` → (3, "bce-vs-cce"); `index.md` → (nil, "index"); else what is wrong.
    static func numberAndSlug(of name: String) -> Result<(Int?, String), NameProblem> {
        let stem = String(name.dropLast(3))
        if stem == GeneratedPage.prefaceSlug { return .success((nil, GeneratedPage.prefaceSlug)) }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else {
            return .failure(NameProblem(message: "chapter file names start with their number, like '03-bce-vs-cce.md' (or are 'index.md')"))
        }
        guard let number = Int(digits) else {
            return .failure(NameProblem(message: "the number '\(digits)' at the start of the file name is too large"))
        }
        let rest = stem.dropFirst(digits.count)
        guard let separator = rest.first else {
            return .failure(NameProblem(message: "a chapter file name has a name after its number, like '03-bce-vs-cce.md'"))
        }
        guard separator == "-" else {
            return .failure(NameProblem(message: "a chapter file name has a '-' after its number, like '03-bce-vs-cce.md'; found '\(separator)'"))
        }
        let slug = String(rest.dropFirst())
        guard !slug.isEmpty else {
            return .failure(NameProblem(message: "a chapter file name has a name after '\(digits)-', like '03-bce-vs-cce.md'"))
        }
        if let bad = slug.first(where: { !(($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_") }) {
            let shown = bad == " " ? "' ' (a space)" : "'\(bad)'"
            return .failure(NameProblem(message:
                "a chapter file name may contain only letters a-z and A-Z, digits, '-' and '_' after its number; found \(shown)"))
        }
        return .success((number, slug))
    }

    /// Two chapters whose slugs differ at most in letter case would be one
    /// page (one file on macOS and Windows, where case does not count).
    static func duplicateSlugs(_ sources: [SourceFile]) -> [Diagnostic] {
        var first: [String: SourceFile] = [:]
        var diagnostics: [Diagnostic] = []
        for source in sources.sorted(by: { $0.path < $1.path }) {
            let key = source.slug.lowercased()
            if let earlier = first[key] {
                let files = earlier.slug == source.slug ? "both become \(source.slug).html"
                    : "become \(earlier.slug).html and \(source.slug).html, one file where letter case does not count"
                diagnostics.append(Diagnostic(path: source.path, line: 1, column: 1, message:
                    "duplicate slug '\(source.slug)': \(earlier.path) and \(source.path) would \(files)"))
            } else {
                first[key] = source
            }
        }
        return diagnostics
    }
}
