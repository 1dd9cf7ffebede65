// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "LossNotebook",
    platforms: [.macOS(.v13)],
    targets: [
        // The one place where text becomes markup: element trees escaped on serialisation.
        .target(name: "XMLTree"),
        .testTarget(name: "XMLTreeTests", dependencies: ["XMLTree"]),
        // TeX subset → AST → MathML Core, and the same AST evaluated to check derivations.
        .target(name: "TeXMath", dependencies: ["XMLTree"]),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath", "XMLTree"]),
    ],
    swiftLanguageModes: [.v6]
)
