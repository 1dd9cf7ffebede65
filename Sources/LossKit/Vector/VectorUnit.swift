/// What LossKit's vector kernels were compiled for (Package.swift chooses it
/// from the building machine; `LOSSKIT_MARCH` overrides it).
///
/// The lane count changes the order in which a kernel adds, so results can
/// differ in the last bits between builds for different vector units; a cache
/// of results (docgen's `.docgen-cache/`) keys on this.
public enum VectorUnit {
    /// For example "16 Float / 8 Double lanes, fused multiply-add".
    public static let description: String = {
        #if LOSSKIT_FMA
        let fma = "fused multiply-add"
        #else
        let fma = "separate multiply and add"
        #endif
        return "\(FloatLanes.scalarCount) Float / \(DoubleLanes.scalarCount) Double lanes, \(fma)"
    }()
}
