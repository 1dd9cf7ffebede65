extension Registry {
    /// The experiments of this book's chapters. Each chapter's experiments live
    /// in `Sources/Experiments/<chapter>/`, one file each, and are listed here.
    public static let book = Registry([
        PixelwiseStability(),  // 1 pixelwise-softmax
        PixelwiseEquivalence(),  // 1 pixelwise-softmax
        PixelwiseSmallInput(),  // 1 pixelwise-softmax
        PixelwiseSegmentation(),  // 1 pixelwise-softmax
    ])
}
