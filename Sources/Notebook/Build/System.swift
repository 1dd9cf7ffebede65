import Foundation

/// Facts about the machine the build runs on.
enum System {
    static var coreCount: Int { ProcessInfo.processInfo.activeProcessorCount }
}
