import Foundation

/// Notices edits by comparing modification times and sizes of every file below
/// some directories; polling is portable and cheap for a book-sized tree.
struct SourceWatcher: Sendable {
    var directories: [String]

    struct Stamp: Equatable, Sendable {
        var files: [String: [Double]]
    }

    func stamp() -> Stamp {
        var files: [String: [Double]] = [:]
        let fileManager = FileManager.default
        for directory in directories {
            guard let enumerator = fileManager.enumerator(atPath: directory) else { continue }
            while let relative = enumerator.nextObject() as? String {
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
