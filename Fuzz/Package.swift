// swift-tools-version: 6.1
// libFuzzer harnesses for docgen's parsers (issue 13), one executable each. A package
// of its own so that the book's package does not build them; scripts/fuzz-smoke builds
// them with -sanitize=fuzzer,address and runs each.
import PackageDescription

let parsers = Target.Dependency.product(name: "DocgenParsersForFuzzing", package: "LossNotebook")

let package = Package(
    name: "LossNotebookFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "LossNotebook", path: "../"),
    ],
    targets: [
        // `$…$` protection and cmark: CommonMark.MarkdownParser.parse.
        .executableTarget(name: "FuzzMathScanner", dependencies: [parsers]),
        // TeX subset → MathML (inline and display) and checked derivations.
        .executableTarget(name: "FuzzTeX", dependencies: [parsers]),
        // The `key: value` body of figure, table and listing blocks.
        .executableTarget(name: "FuzzDirectives", dependencies: [parsers]),
        // `{{experiment.key | format}}` in prose.
        .executableTarget(name: "FuzzInlineValues", dependencies: [parsers]),
        // A `.bib` file: entries, names, LaTeX in values, labels and reference-list entries.
        .executableTarget(name: "FuzzBibTeX", dependencies: [parsers]),
        // `{{check EXPR}}` and `{{if EXPR then "…" else "…"}}`: parsed, evaluated, printed.
        .executableTarget(name: "FuzzClaims", dependencies: [parsers]),
    ],
    swiftLanguageModes: [.v6]
)
