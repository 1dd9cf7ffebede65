import Foundation

/// Facts about the machine the build runs on.
enum System {
    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// A C library function Swift's Glibc module does not declare, looked up at run time as
    /// `type` (a `@convention(c)` function type); nil where the C library is not glibc or lacks it.
    static func glibcFunction<Function>(_ name: String, as type: Function.Type) -> Function? {
        #if !canImport(Glibc)
        return nil
        #else
        // A null handle is RTLD_DEFAULT in glibc: every loaded object.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(symbol, to: type)
        #endif
    }

    /// glibc's `malloc_trim`.
    private static let mallocTrim = glibcFunction("malloc_trim", as: (@convention(c) (Int) -> Int32).self)

    /// Gives the pages of freed memory back to the system. glibc keeps them: the parsed and
    /// resolved trees of pages already rendered are thousands of small blocks, and the pages'
    /// bytes that follow are large ones that do not fit in their holes, so without this the
    /// process would hold both. Called once a batch of pages is rendered.
    static func returnFreedMemory() {
        _ = mallocTrim?(0)
    }
}
