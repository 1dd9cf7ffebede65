import RealModule

/// Small [0, 1] images of bars and squares, with a copy corrupted by masking noise, for a denoising autoencoder.
///
/// Each clean image is the pixel-wise maximum of 1–3 strokes (a full row, a
/// full column or a square), each with its own intensity in [0.5, 1]; the rest
/// is 0. Masking noise (Vincent et al. 2008) sets each pixel to 0 independently
/// with probability `maskingProbability`.
public struct MaskedPatterns: Sendable, Equatable {
    /// `[N, side·side]` clean images, values in [0, 1].
    public let clean: Tensor<Double>
    /// The same images with masking noise.
    public let noisy: Tensor<Double>
    /// Image side length.
    public let side: Int

    /// `count` patterns of `side`×`side` pixels.
    public init(count: Int, side: Int, maskingProbability: Double, generator: inout SeededGenerator) {
        precondition(side >= 4, "patterns need at least 4×4 pixels")
        var clean = [Double](repeating: 0, count: count * side * side)
        var noisy = clean
        for n in 0..<count {
            let strokes = 1 + generator.integer(below: 3)
            for _ in 0..<strokes {
                let intensity = generator.uniform(0.5, 1)
                let kind = generator.integer(below: 3)
                let position = generator.integer(below: side)
                let squareSide = side / 3
                let (sy, sx) = (generator.integer(below: side - squareSide + 1), generator.integer(below: side - squareSide + 1))
                for y in 0..<side {
                    for x in 0..<side {
                        let inside: Bool
                        switch kind {
                        case 0: inside = y == position
                        case 1: inside = x == position
                        default: inside = y >= sy && y < sy + squareSide && x >= sx && x < sx + squareSide
                        }
                        let k = n * side * side + y * side + x
                        if inside { clean[k] = Swift.max(clean[k], intensity) }
                    }
                }
            }
            for k in (n * side * side)..<((n + 1) * side * side) {
                noisy[k] = generator.bernoulli(maskingProbability) ? 0 : clean[k]
            }
        }
        self.side = side
        self.clean = Tensor(shape: [count, side * side], scalars: clean)
        self.noisy = Tensor(shape: [count, side * side], scalars: noisy)
    }
}
