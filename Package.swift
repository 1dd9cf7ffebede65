// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LossNotebook",
    platforms: [.macOS(.v13)],
    targets: [
        // The one place where text becomes markup: element trees escaped on serialisation.
        .target(name: "XMLTree"),
        .testTarget(name: "XMLTreeTests", dependencies: ["XMLTree"]),
        // Every figure of the book: plain arrays in, themed SVG element trees and CSV out.
        .target(name: "SVGPlot", dependencies: ["XMLTree"]),
        .testTarget(name: "SVGPlotTests", dependencies: ["SVGPlot", "XMLTree"]),
    ],
    swiftLanguageModes: [.v6]
)
