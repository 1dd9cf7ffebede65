import ExperimentKit

extension Registry {
    /// The experiments of this book's chapters. Each chapter's experiments live
    /// in `Sources/Experiments/<chapter>/`, one file each, and are listed here.
    public static let book = Registry([
        PixelwiseStability(),  // 1 pixelwise-softmax
        PixelwiseEquivalence(),  // 1 pixelwise-softmax
        PixelwiseSmallInput(),  // 1 pixelwise-softmax
        PixelwiseSegmentation(),  // 1 pixelwise-softmax
        OverconfidenceExperiment(),  // 02 loss-vs-fscore
        TwentySixClassesExperiment(),  // 03 bce-vs-cce
        ClassWeightsExperiment(),  // 04 loss-curves
        OverfittingExperiment(),  // 04 loss-curves
        GaussianLikelihoodFit(),  // 05 likelihood
        ToyVectorLosses(),  // 05 likelihood
        LogitGradients(),  // 05 likelihood
        SaturatedStart(),  // 05 likelihood
        OneDimensionalSweep(),  // 06 nonconvex
        OnePointExample(),  // 06 nonconvex
        LossSurfaces(),  // 06 nonconvex
        DescentFromGrid(),  // 06 nonconvex
        AdadeltaFirstStep(),  // 7 adadelta-relu
        OutputActivationComparison(),  // 7 adadelta-relu
        AdadeltaSensitivity(),  // 7 adadelta-relu
        OutputLayerFix(),  // 7 adadelta-relu
        ThreadConfiguration(),  // 7 adadelta-relu
    ], code: .experimentsModule)
}
