import Foundation

/// Facts about the machine the build runs on.
enum System {
    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// glibc's `malloc_trim`, looked up at run time (its header is not in Swift's Glibc module;
    /// nil on other C libraries).
    private static let mallocTrim: (@convention(c) (Int) -> Int32)? = {
        #if !canImport(Glibc)
        return nil
        #else
        // A null handle is RTLD_DEFAULT in glibc: every loaded object.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #endif
    }()

    /// Gives the pages of freed memory back to the system. glibc keeps them: the parsed and
    /// resolved trees of pages already rendered are thousands of small blocks, and the pages'
    /// bytes that follow are large ones that do not fit in their holes, so without this the
    /// process would hold both. Called once a batch of pages is rendered.
    static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }
}
