// swift-tools-version: 6.1
// Benchmarks for LossNotebook, a separate package so that the main build and CI stay light.
//
//   swift run -c release --package-path Benchmarks lossnotebook-benchmarks [--runs N] [--filter TEXT]
//
// Release build, a warm-up run, then the median (and min/max) of N ≥ 5 timed runs per benchmark.
import PackageDescription

let package = Package(
    name: "LossNotebookBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "LossNotebook", path: "../"),
    ],
    targets: [
        .executableTarget(
            name: "lossnotebook-benchmarks",
            dependencies: [
                .product(name: "LossKit", package: "LossNotebook"),
                .product(name: "Experiments", package: "LossNotebook"),
                .product(name: "NotebookKit", package: "LossNotebook"),
            ],
            path: "Sources/LossNotebookBenchmarks"
        ),
    ],
    swiftLanguageModes: [.v6]
)
