import LossKit
import Testing

@Suite struct DatasetTests {
    @Test func blobsAreSeededShapedAndSeparated() {
        var a = SeededGenerator(seed: 40), b = SeededGenerator(seed: 40)
        let blobs = GaussianBlobs(classes: 26, perClass: 10, dimensions: 8, spread: 0.5, generator: &a)
        #expect(blobs == GaussianBlobs(classes: 26, perClass: 10, dimensions: 8, spread: 0.5, generator: &b))
        #expect(blobs.features.shape == [260, 8])
        #expect((0..<26).allSatisfy { c in blobs.labels.filter { $0 == c }.count == 10 })
        #expect(blobs.oneHotLabels(classes: 26).scalars.reduce(0, +) == 260)
        // Points sit near their own centre: mean squared distance ≈ d·spread² = 2.
        var total = 0.0
        for n in 0..<260 {
            for d in 0..<8 {
                let diff = blobs.features.scalars[n * 8 + d] - blobs.centres[blobs.labels[n]][d]
                total += diff * diff
            }
        }
        #expect(abs(total / 260 - 2) < 0.3)
    }

    @Test func labelNoiseFlipsAboutTheRequestedFraction() {
        var g = SeededGenerator(seed: 41)
        let noisy = GaussianBlobs(classes: 2, perClass: 2000, dimensions: 2, labelNoise: 0.3, generator: &g)
        // Recover the clean label from the nearest centre (centres far apart relative to spread 1 rarely).
        var disagreements = 0
        for n in 0..<4000 {
            let p = [noisy.features.scalars[2 * n], noisy.features.scalars[2 * n + 1]]
            let d = noisy.centres.map { c in (p[0] - c[0]) * (p[0] - c[0]) + (p[1] - c[1]) * (p[1] - c[1]) }
            if (d[0] < d[1] ? 0 : 1) != noisy.labels[n] { disagreements += 1 }
        }
        // A replaced label is a uniform draw, so about half of the 30% change: ≈ 15%, plus overlap.
        #expect(Double(disagreements) / 4000 > 0.1 && Double(disagreements) / 4000 < 0.3)
    }

    @Test func segmentationImagesHaveAllThreeClassesWithTheBarRarest() {
        var g = SeededGenerator(seed: 42)
        let data = SegmentationImages(count: 6, size: 16, noise: 0.5, generator: &g)
        #expect(data.images.shape == [6, 3, 16, 16])
        #expect(data.labels.count == 6 * 16 * 16)
        let f = data.classFrequencies
        #expect(f.allSatisfy { $0 > 0 } && f[2] < f[1] && f[1] < f[0])
        // Each image has exactly one full-length bar of width 1: 16 pixels.
        for n in 0..<6 {
            #expect(data.labels[(n * 256)..<((n + 1) * 256)].filter { $0 == 2 }.count == 16)
        }
        // Without noise the features are the one-hot labels.
        var h = SeededGenerator(seed: 42)
        let clean = SegmentationImages(count: 1, size: 8, noise: 0, generator: &h)
        #expect(argmaxOverClasses(clean.images) == clean.labels)
    }

    @Test func multiLabelRatesFollowTheBaseRates() {
        var g = SeededGenerator(seed: 43)
        let rates = [0.5, 0.1, 0.02]
        let data = MultiLabelData(count: 5000, dimensions: 6, baseRates: rates, noise: 0.3, generator: &g)
        #expect(data.features.shape == [5000, 6] && data.targets.shape == [5000, 3])
        for (observed, rate) in zip(data.positiveRates, rates) {
            #expect(abs(observed - rate) < 4 * (rate * (1 - rate) / 5000).squareRoot() + 1e-3)
        }
    }

    @Test func linearRegressionLeastSquaresRecoversTheWeights() {
        var g = SeededGenerator(seed: 44)
        let data = LinearRegressionData(count: 4000, weights: [2], bias: -1, noiseStandardDeviation: 0.1, generator: &g)
        let x = data.features.scalars, y = data.targets.scalars
        let mx = x.reduce(0, +) / 4000, my = y.reduce(0, +) / 4000
        let slope = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        #expect(abs(slope - 2) < 0.02)
        #expect(abs((my - slope * mx) - -1) < 0.01)
    }

    @Test func maskedPatternsAreInTheUnitIntervalAndMaskOnlyZeroes() {
        var g = SeededGenerator(seed: 45)
        let data = MaskedPatterns(count: 200, side: 8, maskingProbability: 0.25, generator: &g)
        #expect(data.clean.shape == [200, 64] && data.noisy.shape == [200, 64])
        #expect(data.clean.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(zip(data.noisy.scalars, data.clean.scalars).allSatisfy { $0 == $1 || $0 == 0 })
        let lit = data.clean.scalars.filter { $0 > 0 }.count
        let masked = zip(data.noisy.scalars, data.clean.scalars).filter { $0 == 0 && $1 > 0 }.count
        #expect(abs(Double(masked) / Double(lit) - 0.25) < 0.03)
    }
}
