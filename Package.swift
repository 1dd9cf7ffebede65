// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// Whether SwiftPM is reading this manifest from its own checkouts, that is, as
/// a dependency fetched by URL and version. SwiftPM refuses unsafe flags from
/// such packages, so then LossKit gets none: it is built for the compiler's
/// default CPU, and unoptimised in debug builds, which is slower but the same
/// code. (`scripts/check-losskit-consumer` builds a consumer both ways.)
let isFetchedDependency = ["/checkouts/", "/registry/downloads/"].contains { #filePath.contains($0) }

/// The x86-64 level LossKit's vector kernels are compiled for: the highest of
/// x86-64-v3 (AVX2 and FMA) and x86-64-v4 (AVX-512 too) that the building
/// machine has, read from /proc/cpuinfo, as `-march=native` would, but with the
/// portable psABI levels. `LOSSKIT_MARCH=x86-64` builds for any x86-64 CPU
/// (for a binary that runs elsewhere); `LOSSKIT_MARCH=x86-64-v3` picks a level.
/// Elsewhere (arm64, macOS) nil: the compiler's default.
let vectorLevel: String? = {
    #if arch(x86_64) && os(Linux)
    if isFetchedDependency { return nil }
    if let chosen = ProcessInfo.processInfo.environment["LOSSKIT_MARCH"], !chosen.isEmpty { return chosen }
    guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
          let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
    let flags = Set(line.split(separator: " ").map(String.init))
    let v3: Set = ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"]
    let v4: Set = ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]
    guard v3.isSubset(of: flags) else { return nil }
    return v4.isSubset(of: flags) ? "x86-64-v4" : "x86-64-v3"
    #else
    return nil
    #endif
}()

/// The numeric targets (LossKit, Experiments) are optimised in debug builds too,
/// so that `swift run docgen` on a fresh clone runs the book's experiments in
/// seconds, not tens of seconds; the rest of a debug build stays unoptimised.
let optimisedInDebug: [SwiftSetting] = isFetchedDependency ? [] : [.unsafeFlags(["-O"], .when(configuration: .debug))]

/// LossKit's settings for that level: the `-march` flag, and the conditions its
/// kernels test (`LOSSKIT_FMA`: fused multiply-add is one instruction;
/// `LOSSKIT_AVX512`: vectors of 512 bits).
let vectorSettings: [SwiftSetting] = {
    guard let level = vectorLevel else { return [] }
    var settings: [SwiftSetting] = [.unsafeFlags(["-Xcc", "-march=\(level)"])]
    if ["x86-64-v3", "x86-64-v4"].contains(level) { settings.append(.define("LOSSKIT_FMA")) }
    if level == "x86-64-v4" { settings.append(.define("LOSSKIT_AVX512")) }
    return settings
}()

let package = Package(
    name: "LossNotebook",
    platforms: [.macOS(.v13)],
    // No `.executable` product for `docgen`: SwiftPM gives the root package one for each
    // executable target anyway (`swift run docgen` here), and a declared one would clash with
    // the `docgen` of a book that depends on this package (`docgen init`): SwiftPM would run
    // this package's for `swift run docgen` there, or reject the two targets of one name.
    products: [
        // LossKit is also for other Swift code: the numeric core, with no I/O and no site modules.
        .library(name: "LossKit", targets: ["LossKit"]),
        // For the libFuzzer harnesses in Fuzz/ only (a package of their own, issue 13):
        // the parsers they feed. Not an API for other code.
        .library(name: "DocgenParsersForFuzzing", targets: ["CommonMark", "TeXMath", "Claims", "Notebook", "Bibliography", "SourceErrors"]),
        // For Benchmarks/ only: each experiment in-process, with the contract it is run through.
        .library(name: "Experiments", targets: ["Experiments", "ExperimentKit"]),
        // For a book in another package (issue 19): its experiments use ExperimentKit and SVGPlot
        // (SourceDigest for CompiledCode), and its three-line docgen calls DocgenCommand.main(registry:).
        // LossKit stays a product of its own, for the books whose experiments use it.
        .library(name: "NotebookKit", targets: ["ExperimentKit", "SVGPlot", "SourceDigest", "Notebook", "DocgenCommand"]),
        // A book's experiments module applies it, as Experiments does here, so its cache keys
        // name the code that ran (`CompiledSources`, issue 17).
        .plugin(name: "CompiledSourcesPlugin", targets: ["CompiledSourcesPlugin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        // chapters/book.yml, the book's settings (issue 25).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            swiftSettings: vectorSettings + optimisedInDebug
        ),
        // Every figure of the book: plain arrays in, themed SVG element trees and CSV out.
        .target(name: "SVGPlot", dependencies: ["XMLTree"]),
        // Locations and caret errors for the parsers below: one place for `file:line:col`,
        // the offending line (a window of it if long) and the caret under the token.
        .target(name: "SourceErrors"),
        // TeX subset → AST → MathML Core, and the same AST evaluated to check derivations.
        .target(name: "TeXMath", dependencies: ["XMLTree", "SourceErrors"]),
        // BibTeX → entries with author–year labels and reference-list entries as element trees.
        .target(name: "Bibliography", dependencies: ["XMLTree", "SourceErrors"]),
        // Checked prose: `{{check EXPR}}` and `{{if EXPR then "…" else "…"}}` parsed, type-checked,
        // evaluated against the experiments' values and printed as a sentence (issue 20).
        .target(name: "Claims", dependencies: ["SourceErrors"]),
        // SHA-256 and the digest of a module's source files: for cache keys, at build and at run time.
        .target(name: "SourceDigest", swiftSettings: optimisedInDebug),
        .executableTarget(name: "SourceDigestTool", dependencies: ["SourceDigest"], swiftSettings: optimisedInDebug),
        // Compiles into a module the digest of the sources it and its dependencies are built from.
        .plugin(name: "CompiledSourcesPlugin", capability: .buildTool(), dependencies: ["SourceDigestTool"]),
        // The experiment contract: the protocol, parameters, declared outputs, results and the registry.
        // What a book in any package writes its experiments against; Notebook runs them through it.
        .target(name: "ExperimentKit", dependencies: ["SVGPlot", "SourceDigest"]),
        // This book's experiments, one file each, grouped by chapter; its registry.
        .target(
            name: "Experiments", dependencies: ["ExperimentKit", "LossKit", "SVGPlot", "SourceDigest"],
            swiftSettings: optimisedInDebug, plugins: ["CompiledSourcesPlugin"]),
        .target(
            name: "Notebook",
            dependencies: [
                "CommonMark", "XMLTree", "TeXMath", "SVGPlot", "ExperimentKit", "LossKit", "SourceDigest", "Bibliography", "Claims",
                "SourceErrors", .product(name: "Yams", package: "Yams"),
            ]),
        // `docgen serve`: a loopback-only HTTP server with rebuild on change.
        .target(name: "Preview", dependencies: ["Notebook", "SourceDigest"]),
        // The command line (build, check, list, serve) for any book: it is given the registry
        // instead of importing Experiments, so another package's docgen is three lines.
        .target(
            name: "DocgenCommand",
            dependencies: [
                "Notebook",
                "ExperimentKit",
                "Preview",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // This book's docgen: DocgenCommand with Registry.book.
        .executableTarget(name: "docgen", dependencies: ["DocgenCommand", "Experiments"]),
        .testTarget(name: "XMLTreeTests", dependencies: ["XMLTree"]),
        .testTarget(name: "CommonMarkTests", dependencies: ["CommonMark"]),
        .testTarget(
            name: "LossKitTests",
            dependencies: ["LossKit", .product(name: "RealModule", package: "swift-numerics")]
        ),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "ExperimentKit", "LossKit", "SVGPlot"]),
        .testTarget(
            name: "NotebookTests",
            // "docgen": the command-line tests run the binary, which must be built first.
            dependencies: [
                "Notebook", "CommonMark", "ExperimentKit", "Experiments", "SVGPlot", "SourceDigest", "Preview", "SourceErrors",
                "DocgenCommand", "docgen", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "TeXMathTests", dependencies: ["TeXMath", "XMLTree", "SourceErrors"]),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "SourceErrors"]),
        .testTarget(name: "SVGPlotTests", dependencies: ["SVGPlot", "XMLTree"]),
        .testTarget(name: "BibliographyTests", dependencies: ["Bibliography", "XMLTree", "SourceErrors"]),
    ],
    swiftLanguageModes: [.v6]
)
