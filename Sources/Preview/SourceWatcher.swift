import Foundation

/// Notices edits by comparing modification times and sizes of the files below
/// some directories; polling is portable and cheap for a book-sized tree.
/// Hidden files (an editor's `.chapter.md.swp`, rewritten every few seconds
/// while one types) are never an edit; `extensions`, when given, keeps only
/// files of those kinds (`Sources/` is watched for what SwiftPM compiles).
struct SourceWatcher: Sendable {
    var directories: [String]
    var extensions: Set<String>? = nil

    struct Stamp: Equatable, Sendable {
        var files: [String: [Double]]
    }

    func stamp() -> Stamp {
        var files: [String: [Double]] = [:]
        let fileManager = FileManager.default
        for directory in directories {
            guard let enumerator = fileManager.enumerator(atPath: directory) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                if let extensions, !extensions.contains((name as NSString).pathExtension) { continue }
                let path = directory + "/" + relative
                guard let attributes = try? fileManager.attributesOfItem(atPath: path),
                      attributes[.type] as? FileAttributeType == .typeRegular else { continue }
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                let size = (attributes[.size] as? NSNumber)?.doubleValue ?? 0
                files[path] = [modified, size]
            }
        }
        return Stamp(files: files)
    }
}
