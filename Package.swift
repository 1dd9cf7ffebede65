// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LossNotebook",
    platforms: [.macOS(.v13)],
    products: [
        // LossKit is also for other Swift code: the numeric core, with no I/O and no site modules.
        .library(name: "LossKit", targets: ["LossKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // The one place where text becomes markup: element trees escaped on serialisation.
        .target(name: "XMLTree"),
        .testTarget(name: "XMLTreeTests", dependencies: ["XMLTree"]),
        // Losses, gradients, optimisers, tiny models, metrics and data, matching PyTorch.
        .target(
            name: "LossKit",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .testTarget(
            name: "LossKitTests",
            dependencies: ["LossKit", .product(name: "RealModule", package: "swift-numerics")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
