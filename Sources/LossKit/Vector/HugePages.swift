#if os(Linux)
import Glibc
#endif

/// Asks Linux to back a large, not yet touched buffer with 2 MiB pages.
///
/// A fresh gradient of tens of megabytes comes straight from `mmap`; faulting
/// it in 4 KiB pages costs the kernel about as much as the whole loss
/// computation (thousands of page faults). With transparent huge pages in
/// `madvise` mode (the default on most distributions) this hint makes it a few
/// dozen faults. Only the whole 2 MiB-aligned pages inside the buffer are
/// advised, so memory outside it is never affected; elsewhere this does nothing.
@inlinable
func adviseHugePages(_ start: UnsafeMutableRawPointer, byteCount: Int) {
    #if os(Linux)
    let huge = 2 << 20
    guard byteCount >= 4 * huge else { return }
    let first = (Int(bitPattern: start) + huge - 1) / huge * huge
    let end = (Int(bitPattern: start) + byteCount) / huge * huge
    guard end > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
    _ = madvise(aligned, end - first, MADV_HUGEPAGE)
    #endif
}
