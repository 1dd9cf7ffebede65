extension Registry {
    /// The experiments of this book's chapters. Each chapter's experiments live
    /// in `Sources/Experiments/<chapter>/`, one file each, and are listed here.
    public static let book = Registry([
        OverconfidenceExperiment(),  // 02 loss-vs-fscore
        TwentySixClassesExperiment(),  // 03 bce-vs-cce
        ClassWeightsExperiment(),  // 04 loss-curves
        OverfittingExperiment(),  // 04 loss-curves
    ])
}
