import Foundation

/// A file operation that failed: the path, what docgen was doing, and why in
/// plain words. Every place docgen writes reports through this type, so an
/// I/O failure reads like the other diagnostics (`site/figures: error: could
/// not create the directory: no space left on device`) and never as a raw
/// `NSCocoaErrorDomain Code=… UserInfo={…}` dump.
struct FileSystemError: Error, Sendable, Equatable {
    /// The real path concerned (shown as the user named it by `diagnostic(display:)`).
    var path: String
    /// What failed, after "could not": "create the directory", "write the file".
    var action: String
    /// Why, in words: "permission denied", "no space left on device".
    var reason: String

    init(path: String, action: String, reason: String) {
        self.path = path
        self.action = action
        self.reason = reason
    }

    init(path: String, action: String, errno code: Int32) {
        self.init(path: path, action: action, reason: Self.reason(errno: code))
    }

    init(path: String, action: String, error: any Error) {
        self.init(path: path, action: action, reason: Self.reason(error))
    }

    /// `path: error: could not <action>: <reason>`, with `display` turning the real path into the user's.
    func diagnostic(display: (String) -> String = { $0 }) -> Diagnostic {
        Diagnostic(path: display(path), message: "could not \(action): \(reason)")
    }

    /// The reason for an `errno` value in words.
    static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file or directory"
        case ENOTDIR: "a part of the path is not a directory"
        case EISDIR: "it is a directory"
        case EACCES, EPERM: "permission denied"
        case EROFS: "the file system is read-only"
        case ENOSPC: "no space left on device"
        case EDQUOT: "disk quota exceeded"
        case EEXIST: "it already exists"
        case ENOTEMPTY: "the directory is not empty"
        case ENAMETOOLONG: "the name is too long"
        case ELOOP: "too many levels of symbolic links"
        case EBUSY: "it is in use"
        case EXDEV: "it is on another file system"
        case EMFILE, ENFILE: "too many open files"
        case EIO: "input/output error"
        case EFBIG: "the file is too large"
        case EMLINK: "too many links"
        case EINVAL: "invalid argument"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    /// The reason for an error thrown by Foundation (a `CocoaError` with or
    /// without an underlying POSIX error, a `POSIXError`) in words.
    static func reason(_ error: any Error) -> String {
        if let failure = error as? FileSystemError { return failure.reason }
        let error = error as NSError
        if error.domain == NSPOSIXErrorDomain { return reason(errno: Int32(truncatingIfNeeded: error.code)) }
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return reason(errno: Int32(truncatingIfNeeded: underlying.code))
        }
        guard error.domain == NSCocoaErrorDomain else { return "an unexpected error (\(error.domain) \(error.code))" }
        switch CocoaError.Code(rawValue: error.code) {
        case .fileNoSuchFile, .fileReadNoSuchFile: return reason(errno: ENOENT)
        case .fileWriteFileExists: return reason(errno: EEXIST)
        case .fileReadNoPermission, .fileWriteNoPermission: return reason(errno: EACCES)
        case .fileWriteOutOfSpace: return reason(errno: ENOSPC)
        case .fileWriteVolumeReadOnly: return reason(errno: EROFS)
        case .fileReadInvalidFileName, .fileWriteInvalidFileName: return "the name is not valid"
        case .fileReadTooLarge: return reason(errno: EFBIG)
        case .fileLocking: return "the file is locked"
        case .fileReadCorruptFile: return "the file is damaged"
        default: return "the file system reported an error (code \(error.code))"
        }
    }
}

/// The file operations docgen's writer needs, as POSIX calls whose failures
/// become `FileSystemError`s. Nothing here follows a symbolic link at the last
/// component of a path it creates.
enum FileOperations {
    /// The bytes of a regular file; a directory or other kind of entry is an error in words.
    static func read(_ path: String, action: String) throws(FileSystemError) -> [UInt8] {
        let handle = open(path, O_RDONLY | O_CLOEXEC)
        guard handle >= 0 else { throw FileSystemError(path: path, action: action, errno: errno) }
        defer { close(handle) }
        var info = stat()
        guard fstat(handle, &info) == 0 else { throw FileSystemError(path: path, action: action, errno: errno) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw FileSystemError(path: path, action: action,
                                  reason: info.st_mode & S_IFMT == S_IFDIR ? FileSystemError.reason(errno: EISDIR) : "it is not a regular file")
        }
        // Straight into the array, one byte more than its size so that one read sees the end
        // (a textbook's chapters are megabytes, read at every build).
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0) + 1), filled = 0
        while true {
            let count = bytes.withUnsafeMutableBytes { readFully(handle, into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            guard count >= 0 else { throw FileSystemError(path: path, action: action, errno: errno) }
            filled += count
            if filled < bytes.count {
                bytes.removeLast(bytes.count - filled)
                return bytes
            }
            bytes += [UInt8](repeating: 0, count: 1 << 16)
        }
    }

    /// Reads from `descriptor` until `buffer` is full or the file ends, retrying an interrupted
    /// read: how many bytes it read, or -1 on an error.
    static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var done = 0
        while done < buffer.count {
            let count = Foundation.read(descriptor, buffer.baseAddress! + done, buffer.count - done)
            if count < 0, errno == EINTR { continue }
            if count < 0 { return -1 }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// `mkdir -p`: creates `path` and any missing ancestors.
    static func makeDirectories(_ path: String) throws(FileSystemError) {
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) == 0 { continue }
            let code = errno
            var info = stat()
            if code == EEXIST, stat(prefix, &info) == 0 {
                guard info.st_mode & S_IFMT == S_IFDIR else {
                    throw FileSystemError(path: path, action: "create the directory",
                                          reason: "\(prefix) is not a directory")
                }
                continue
            }
            throw FileSystemError(path: prefix, action: "create the directory", errno: code)
        }
    }

    /// Creates one directory; its parent must exist.
    static func makeDirectory(_ path: String) throws(FileSystemError) {
        guard mkdir(path, 0o755) == 0 else { throw FileSystemError(path: path, action: "create the directory", errno: errno) }
    }

    /// Writes a new file (it must not exist yet), reporting a short write or a failed close.
    static func writeNewFile(_ path: String, _ bytes: [UInt8]) throws(FileSystemError) {
        try writeNewFile(path, parts: [.bytes(bytes)])
    }

    /// What a new file is written from: bytes, or a range of an open file.
    enum Part {
        case bytes([UInt8])
        case copy(from: Int32, offset: Int, count: Int)
    }

    /// A new file holding `parts` one after another.
    static func writeNewFile(_ path: String, parts: [Part]) throws(FileSystemError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileSystemError(path: path, action: "create the file", errno: errno) }
        var failure: Int32?
        for part in parts where failure == nil {
            switch part {
            case .bytes(let bytes):
                failure = bytes.withUnsafeBytes { writeFully(descriptor, $0) }
            case .copy(let source, let offset, let count):
                failure = copy(from: source, offset: offset, count: count, to: descriptor)
            }
        }
        if let failure {
            close(descriptor)
            throw FileSystemError(path: path, action: "write the file", errno: failure)
        }
        guard close(descriptor) == 0 else { throw FileSystemError(path: path, action: "write the file", errno: errno) }
    }

    /// Writes `parts` to `path` whole or not at all: into a temporary file beside it, renamed over
    /// it. Without `fsync`: the cache entries written this way carry their own checksums, so one a
    /// crash left damaged is only computed again (an `fsync` each was a tenth of a large build).
    static func replaceFile(_ path: String, parts: [Part]) throws(FileSystemError) {
        // Two tasks may keep the same entry at once (two pages with the same figure file).
        let temporary = path + ".tmp-\(getpid())-\(UInt32.random(in: .min ... .max))"
        do {
            try writeNewFile(temporary, parts: parts)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw FileSystemError(path: path, action: "replace the file", errno: code)
        }
    }

    /// Writes all of `buffer`; the errno of a failure.
    private static func writeFully(_ descriptor: Int32, _ buffer: UnsafeRawBufferPointer) -> Int32? {
        var written = 0
        while written < buffer.count {
            let count = write(descriptor, buffer.baseAddress! + written, buffer.count - written)
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            written += count
        }
        return nil
    }

    /// Appends `count` bytes of `source` from `offset` to `target`: in the kernel with
    /// `copy_file_range` where there is one, else through a buffer. A source shorter than
    /// `count` is a failure (EIO).
    private static func copy(from source: Int32, offset: Int, count: Int, to target: Int32) -> Int32? {
        var position = off_t(offset), left = count
        if let copyRange = CopyFileRange.function {
            while left > 0 {
                let done = copyRange(source, &position, target, nil, left, 0)
                if done < 0, errno == EINTR { continue }
                if done <= 0 { break }
                left -= done
            }
            if left == 0 { return nil }
        }
        var buffer = [UInt8](repeating: 0, count: min(left, 1 << 16))
        while left > 0 {
            let done = buffer.withUnsafeMutableBytes { pread(source, $0.baseAddress!, min(left, $0.count), position) }
            if done < 0, errno == EINTR { continue }
            if done < 0 { return errno }
            if done == 0 { return EIO }
            if let failure = buffer.withUnsafeBytes({ writeFully(target, UnsafeRawBufferPointer(rebasing: $0[..<done])) }) { return failure }
            position += off_t(done)
            left -= done
        }
        return nil
    }

    /// Removes a file or a whole directory tree (links are removed, never followed).
    static func removeTree(_ path: String) throws(FileSystemError) {
        do {
            try FileManager.default.removeItem(atPath: path)
        } catch {
            throw FileSystemError(path: path, action: "remove", error: error)
        }
    }
}

/// `copy_file_range(2)` (Swift's Glibc module does not declare it).
enum CopyFileRange {
    typealias Function = @convention(c) (Int32, UnsafeMutablePointer<off_t>?, Int32, UnsafeMutablePointer<off_t>?, Int, UInt32) -> Int
    static let function = System.glibcFunction("copy_file_range", as: Function.self)
}
