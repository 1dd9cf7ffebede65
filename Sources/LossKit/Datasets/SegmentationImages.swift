import RealModule

/// Synthetic three-class segmentation: a disc and a thin bar on background, with noisy per-pixel features.
///
/// The bar is the rare, thin class whose IoU class weights help (chapter 1).
/// Channel c of the features is 1 where the true class is c, plus Gaussian
/// noise everywhere, so a per-pixel (1×1) classifier can learn it but not perfectly.
public struct SegmentationImages: Sendable, Equatable {
    /// Class names by index.
    public static let classNames = ["background", "disc", "bar"]
    /// `[N, 3, size, size]` noisy features.
    public let images: Tensor<Double>
    /// `N·size·size` class indices in row-major order (0 background, 1 disc, 2 bar).
    public let labels: [Int]
    /// Side length in pixels.
    public let size: Int

    /// `count` images of `size`×`size` pixels; disc radius uniform in
    /// [size/6, size/4]; a horizontal or vertical bar of `barWidth` pixels
    /// spanning the image, drawn over the disc; feature noise N(0, noise²).
    public init(count: Int, size: Int, noise: Double, barWidth: Int = 1, generator: inout SeededGenerator) {
        precondition(size >= 8, "images smaller than 8×8 leave no room for both shapes")
        let classes = Self.classNames.count
        var labels = [Int](repeating: 0, count: count * size * size)
        var images = [Double](repeating: 0, count: count * classes * size * size)
        for n in 0..<count {
            let radius = generator.uniform(Double(size) / 6, Double(size) / 4)
            let cy = generator.uniform(radius, Double(size) - radius)
            let cx = generator.uniform(radius, Double(size) - radius)
            let horizontal = generator.bernoulli(0.5)
            let barStart = generator.integer(below: size - barWidth + 1)
            for y in 0..<size {
                for x in 0..<size {
                    let dy = Double(y) + 0.5 - cy, dx = Double(x) + 0.5 - cx
                    var label = dy * dy + dx * dx <= radius * radius ? 1 : 0
                    let across = horizontal ? y : x
                    if across >= barStart && across < barStart + barWidth { label = 2 }
                    labels[(n * size + y) * size + x] = label
                    for c in 0..<classes {
                        images[((n * classes + c) * size + y) * size + x] =
                            (c == label ? 1 : 0) + generator.normal(standardDeviation: noise)
                    }
                }
            }
        }
        self.size = size
        self.labels = labels
        self.images = Tensor(shape: [count, classes, size, size], scalars: images)
    }

    /// Fraction of pixels in each class.
    public var classFrequencies: [Double] {
        var counts = [Int](repeating: 0, count: Self.classNames.count)
        for label in labels { counts[label] += 1 }
        return counts.map { Double($0) / Double(labels.count) }
    }
}
