/// Whether a formula sits in a line of prose (`$…$`) or on its own (`$$…$$`).
public enum MathStyle: Sendable, Hashable {
    case inline
    case display
}
