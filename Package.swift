// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LossNotebook",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docgen", targets: ["docgen"]),
        // LossKit is also for other Swift code: the numeric core, with no I/O and no site modules.
        .library(name: "LossKit", targets: ["LossKit"]),
        // For the libFuzzer harnesses in Fuzz/ only (a package of their own, issue 13):
        // the parsers they feed. Not an API for other code.
        .library(name: "DocgenParsersForFuzzing", targets: ["CommonMark", "TeXMath", "Notebook"]),
        .library(name: "Experiments", targets: ["Experiments"]),  // for Benchmarks/ only: each experiment in-process
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        // libcmark from the system (apt libcmark-dev, brew cmark). Only CommonMark imports it.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // The one place where text becomes markup: element trees escaped on serialisation.
        .target(name: "XMLTree"),
        .target(name: "CommonMark", dependencies: ["Ccmark"]),
        // Losses, gradients, optimisers, tiny models, metrics and data, matching PyTorch.
        .target(
            name: "LossKit",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        // Every figure of the book: plain arrays in, themed SVG element trees and CSV out.
        .target(name: "SVGPlot", dependencies: ["XMLTree"]),
        // TeX subset → AST → MathML Core, and the same AST evaluated to check derivations.
        .target(name: "TeXMath", dependencies: ["XMLTree"]),
        // This book's experiments, one file each, grouped by chapter; a registry by id.
        .target(name: "Experiments", dependencies: ["LossKit", "SVGPlot"]),
        .target(name: "Notebook", dependencies: ["CommonMark", "XMLTree", "TeXMath", "SVGPlot", "Experiments"]),
        // `docgen serve`: a loopback-only HTTP server with rebuild on change.
        .target(
            name: "Preview",
            dependencies: ["Notebook", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "docgen",
            dependencies: [
                "Notebook",
                "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "XMLTreeTests", dependencies: ["XMLTree"]),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(
            name: "LossKitTests",
            dependencies: ["LossKit", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "LossKit", "SVGPlot"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "CommonMark", "Experiments", "SVGPlot", "docgen"]),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath", "XMLTree"]),
        .testTarget(name: "SVGPlotTests", dependencies: ["SVGPlot", "XMLTree"]),
    ],
    swiftLanguageModes: [.v6]
)
