/// The `.docgen-output` file: docgen's claim on a directory, and the list of
/// the files it wrote there.
///
/// docgen replaces a directory only if this is a regular file with docgen's
/// own text, and only while the directory holds nothing but the files listed
/// here (and the directories they are in). So a site copied into a gh-pages
/// checkout (with `.git/` beside it) or a directory someone added a `CNAME` to
/// is refused, not wiped. Markers written before docgen listed its files (the
/// header line alone) are read with the site layout docgen has always
/// written: `*.html` at the top, files in `assets/` and `figures/`.
struct OutputMarker: Sendable, Equatable {
    static let name = ".docgen-output"
    static let header = "This directory is written by docgen (LossNotebook) and replaced on every build."
    static let listIntro = "docgen replaces it only while it holds nothing but these files:"

    /// The files the build that wrote the marker wrote, relative to the output;
    /// nil for a marker of the older form, without a list.
    var files: Set<String>?

    init(files: Set<String>?) {
        self.files = files
    }

    /// The marker's text: the header, then (for a listing marker) the files in sorted order.
    var text: String {
        guard let files else { return Self.header + "\n" }
        return ([Self.header, Self.listIntro] + files.sorted()).joined(separator: "\n") + "\n"
    }

    /// The marker written in `bytes`, or nil if they are not docgen's text.
    static func parse(_ bytes: [UInt8]) -> OutputMarker? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard text.hasSuffix("\n") else { return nil }
        let lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first == header else { return nil }
        if lines.count == 1 { return OutputMarker(files: nil) }
        guard lines[1] == listIntro else { return nil }
        let files = lines.dropFirst(2)
        let valid = files.allSatisfy { file in
            !file.isEmpty && !file.hasPrefix("/") && file != name
                && !file.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
        }
        return valid ? OutputMarker(files: Set(files)) : nil
    }

    /// Whether docgen wrote the regular file at `relative`.
    func owns(file relative: String) -> Bool {
        if relative == Self.name { return true }
        if let files { return files.contains(relative) }
        let parts = relative.split(separator: "/")
        switch parts.count {
        case 1: return relative.hasSuffix(".html")
        case 2: return parts[0] == "assets" || parts[0] == "figures"
        default: return false
        }
    }

    /// Whether docgen made the directory at `relative` (to hold files it wrote).
    func owns(directory relative: String) -> Bool {
        guard let files else { return relative == "assets" || relative == "figures" }
        return files.contains { $0.hasPrefix(relative + "/") }
    }
}
