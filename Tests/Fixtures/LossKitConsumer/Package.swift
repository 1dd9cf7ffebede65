// swift-tools-version: 6.1
// A separate package that uses LossKit only through its library product, to
// prove the public API block of issue 3 compiles from outside the package.
import Foundation
import PackageDescription

// A path dependency's identity is its directory name, which differs between
// checkouts and worktrees, so read it off this manifest's own location.
let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

let package = Package(
    name: "LossKitConsumer",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: "../../.."),
    ],
    targets: [
        .executableTarget(
            name: "LossKitConsumer",
            dependencies: [.product(name: "LossKit", package: root.lastPathComponent)]
        ),
    ],
    swiftLanguageModes: [.v6]
)
