import CommonMark
import Foundation

extension Stage {
    /// Lists `chapters/`, reads each Markdown file and checks names, encoding and slugs.
    public static let readChapters = Stage("read chapters") { state throws(BuildFailure) in
        var state = state
        state.sources = try ChapterReader(directory: state.options.chaptersDirectory).read()
        return state
    }
}

/// Reads the chapter files of one directory.
struct ChapterReader {
    let directory: String

    func read() throws(BuildFailure) -> [SourceFile] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw BuildFailure([Diagnostic(path: directory, message: "chapters directory not found")])
        }
        guard isDirectory.boolValue else {
            throw BuildFailure([Diagnostic(path: directory, message: "chapters path is not a directory")])
        }
        let names: [String]
        do {
            names = try fileManager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw BuildFailure([Diagnostic(path: directory, message: "chapters directory cannot be read")])
        }

        var diagnostics: [Diagnostic] = []
        var sources: [SourceFile] = []
        for name in names where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = joinPath(directory, name)
            guard let (number, slug) = Self.numberAndSlug(of: name) else {
                diagnostics.append(Diagnostic(path: path, line: 1, column: 1, message:
                    "chapter file names start with their number, like '03-bce-vs-cce.md' (or are 'index.md')"))
                continue
            }
            guard let data = fileManager.contents(atPath: path) else {
                diagnostics.append(Diagnostic(path: path, message: "cannot read file"))
                continue
            }
            // One line-break convention from here on (see LineEndings), the UTF-8 check included.
            switch UTF8Validation.decode(LineEndings.normalized(Array(data))) {
            case .success(let text):
                sources.append(SourceFile(path: path, number: number, slug: slug, text: text))
            case .failure(let position):
                diagnostics.append(Diagnostic(path: path, line: position.line, column: position.column, message:
                    "file is not valid UTF-8 (byte 0x\(String(position.byte, radix: 16, uppercase: true)))"))
            }
        }
        if !names.contains("index.md") {
            diagnostics.append(Diagnostic(path: joinPath(directory, "index.md"), message:
                "missing the landing page: every book has an index.md (the preface)"))
        }
        diagnostics += Self.duplicateSlugs(sources)
        guard diagnostics.isEmpty else { throw BuildFailure(diagnostics) }
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

    /// `03-bce-vs-cce.md` → (3, "bce-vs-cce"); `index.md` → (nil, "index").
    static func numberAndSlug(of name: String) -> (Int?, String)? {
        let stem = String(name.dropLast(3))
        if stem == "index" { return (nil, "index") }
        let digits = stem.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let number = Int(digits), stem.dropFirst(digits.count).first == "-" else { return nil }
        let slug = String(stem.dropFirst(digits.count + 1))
        let allowed = slug.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" || $0 == "_" }
        guard !slug.isEmpty, allowed else { return nil }
        return (number, slug)
    }

    static func duplicateSlugs(_ sources: [SourceFile]) -> [Diagnostic] {
        var first: [String: String] = [:]
        var diagnostics: [Diagnostic] = []
        for source in sources.sorted(by: { $0.path < $1.path }) {
            if let earlier = first[source.slug] {
                diagnostics.append(Diagnostic(path: source.path, line: 1, column: 1, message:
                    "duplicate slug '\(source.slug)': \(earlier) and \(source.path) would both become \(source.slug).html"))
            } else {
                first[source.slug] = source.path
            }
        }
        return diagnostics
    }
}
