extension Registry {
    /// The experiments of this book's chapters. Each chapter's experiments live
    /// in `Sources/Experiments/<chapter>/`, one file each, and are listed here.
    public static let book = Registry([
        AdadeltaFirstStep(),  // 7 adadelta-relu
        OutputActivationComparison(),  // 7 adadelta-relu
        AdadeltaSensitivity(),  // 7 adadelta-relu
        OutputLayerFix(),  // 7 adadelta-relu
    ])
}
