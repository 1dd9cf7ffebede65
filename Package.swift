// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LossNotebook",
    platforms: [.macOS(.v13)],
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
        .testTarget(name: "XMLTreeTests", dependencies: ["XMLTree"]),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
    ],
    swiftLanguageModes: [.v6]
)
