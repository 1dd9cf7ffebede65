/// The value that flows through the stages. Each stage reads what earlier
/// stages produced and adds its own part; nothing else is shared.
public struct BuildState: Sendable {
    public var options: BuildOptions
    public var output: OutputDirectory?
    public var sources: [SourceFile] = []
    public var book: Book?
    /// Equations, figures and tables, numbered per chapter as stages meet them.
    public var labels = LabelTable()
    public var site: Site?

    public init(options: BuildOptions) {
        self.options = options
    }
}
