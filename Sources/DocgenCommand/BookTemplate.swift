/// The files `docgen init` writes: a book as a Swift package of its own, whose
/// `swift run docgen` builds it and whose `make test` tests it. Swift string
/// templates, so the command needs no resource bundle.
struct BookTemplate {
    /// Where the book gets docgen from.
    enum Dependency: Equatable {
        /// A checkout on this machine (offline use, tests).
        case path(String)
        /// A Git URL and the lowest version accepted.
        case url(String, version: String)

        /// SwiftPM's name for the package, which `.product(name:package:)` uses:
        /// the last component of the path or URL, without `.git`.
        var identity: String {
            let location: String
            switch self {
            case .path(let path): location = path
            case .url(let url, _): location = url
            }
            var last = location.split(separator: "/").last.map(String.init) ?? location
            if last.hasSuffix(".git") { last.removeLast(4) }
            return last
        }

        var manifestLine: String {
            switch self {
            case .path(let path): ".package(path: \(swiftLiteral(path)))"
            case .url(let url, let version): ".package(url: \(swiftLiteral(url)), from: \(swiftLiteral(version)))"
            }
        }
    }

    /// One file to write, by path relative to the book.
    struct File: Equatable {
        var path: String
        var contents: String
        var executable = false
    }

    /// Where this package is published, for books that fetch it by version; `--docgen-url` overrides it.
    static let packageURL = "https://github.com/lossnotebook/LossNotebook.git"
    /// The version a new book asks for at least; `--docgen-version` overrides it.
    static let packageVersion = "1.0.0"

    /// The package's name (the book directory's name).
    let name: String
    let title: String
    let dependency: Dependency

    var files: [File] {
        [
            File(path: "Package.swift", contents: packageManifest),
            File(path: "Sources/docgen/main.swift", contents: main),
            File(path: "Sources/BookExperiments/Registry+Book.swift", contents: registry),
            File(path: "Sources/BookExperiments/FirstFit.swift", contents: experiment),
            File(path: "Tests/BookExperimentsTests/FirstFitTests.swift", contents: experimentTest),
            File(path: "chapters/book.yml", contents: bookYML),
            File(path: "chapters/index.md", contents: preface),
            File(path: "chapters/01-first-chapter.md", contents: firstChapter),
            File(path: "Makefile", contents: makefile),
            File(path: "README.md", contents: readme),
            File(path: ".gitignore", contents: gitignore),
            File(path: ".ci/run", contents: ciRun, executable: true),
        ]
    }

    var packageManifest: String {
        """
        // swift-tools-version: 6.1
        import PackageDescription

        // docgen: its command line, the build and the experiment contract (NotebookKit), the
        // numeric library LossKit, and the plugin that names the code each cached result came from.
        let docgen: Package.Dependency = \(dependency.manifestLine)
        let docgenPackage = \(swiftLiteral(dependency.identity))

        let package = Package(
            name: \(swiftLiteral(name)),
            platforms: [.macOS(.v13)],
            dependencies: [docgen],
            targets: [
                // The book's experiments, one file each, listed in Registry+Book.swift.
                .target(
                    name: "BookExperiments",
                    dependencies: [
                        .product(name: "NotebookKit", package: docgenPackage),
                        .product(name: "LossKit", package: docgenPackage),
                    ],
                    plugins: [.plugin(name: "CompiledSourcesPlugin", package: docgenPackage)]),
                // `swift run docgen`: build, check, list, serve, for this book's chapters and experiments.
                .executableTarget(
                    name: "docgen",
                    dependencies: ["BookExperiments", .product(name: "NotebookKit", package: docgenPackage)]),
                .testTarget(
                    name: "BookExperimentsTests",
                    dependencies: ["BookExperiments", .product(name: "NotebookKit", package: docgenPackage)]),
            ],
            swiftLanguageModes: [.v6]
        )

        """
    }

    var main: String {
        """
        import BookExperiments
        import DocgenCommand

        // This book's docgen: docgen's command line (build, check, list, serve) with this book's experiments.
        await DocgenCommand.main(registry: .book)

        """
    }

    var registry: String {
        """
        import ExperimentKit
        import SourceDigest

        extension Registry {
            /// The experiments the chapters may use, by id. Add each new experiment here.
            public static let book = Registry([
                FirstFit(),
            ], code: .bookExperiments)
        }

        extension CompiledCode {
            /// The sources this module was compiled from (written by CompiledSourcesPlugin when it is
            /// built): part of every cache key, so a result is reused only by the code that computed it.
            static let bookExperiments = CompiledCode(
                moduleDirectories: CompiledSources.moduleDirectories,
                files: CompiledSources.files.map { SourceTree.File(path: $0.path, sha256: $0.sha256) },
                otherPackagesDigest: CompiledSources.otherPackagesDigest)
        }

        """
    }

    var experiment: String {
        #"""
        import ExperimentKit
        import LossKit
        import SVGPlot

        /// Logistic regression on two noisy classes of points on a line, trained by gradient
        /// descent on the binary cross-entropy. Run once per seed, so the page can say how much
        /// the numbers vary.
        struct FirstFit: SeededExperiment {
            var id: String { "first-fit" }
            var version: Int { 1 }
            var sourceFile: String { #filePath }

            @Param("seed") var seed: UInt64 = 1
            var seeds: [UInt64] { [1, 2, 3] }
            @Param("points per class") var perClass = 40
            @Param("class centres") var centres = [-1.0, 1.0]
            @Param("noise σ") var noise = 0.8
            @Param("learning rate") var learningRate = 0.5
            @Param("steps") var steps = 100

            var outputs: Outputs {
                Outputs(
                    values: [
                        .init("initial-loss", .fixed(3), description: "mean BCE before training"),
                        .init("final-loss", .fixed(3), description: "mean BCE after training"),
                        .init("accuracy", .percent(1), description: "share of points on the right side of 0.5"),
                    ],
                    figures: ["loss"])
            }

            func run() throws -> ExperimentResult {
                var generator = SeededGenerator(seed: seed)
                var points: [Double] = [], labels: [Double] = []
                for (label, centre) in centres.enumerated() {
                    for _ in 0..<perClass {
                        points.append(generator.normal(mean: centre, standardDeviation: noise))
                        labels.append(Double(label))
                    }
                }
                let x = Tensor(shape: [points.count, 1], scalars: points)
                let y = Tensor(shape: [labels.count, 1], scalars: labels)

                var parameters = [0.0, 0.0]  // weight, bias
                var optimizer = SGD(learningRate: learningRate)
                let loss = BinaryCrossEntropyWithLogitsLoss()
                var curve: [Double] = []
                for step in 0...steps {
                    let model = Dense(inputs: 1, outputs: 1, parameters: parameters)
                    let (value, gradient) = loss.valueAndGradient(logits: model(x), targets: y)
                    curve.append(value.scalars[0])
                    if step == steps { break }
                    optimizer.step(parameters: &parameters, gradient: model.backward(input: x, outputGradient: gradient).parameters)
                }
                let logits = Dense(inputs: 1, outputs: 1, parameters: parameters)(x).scalars
                let correct = zip(logits, labels).filter { ($0 > 0) == ($1 == 1) }.count

                let figure = Figure(
                    description: "Mean binary cross-entropy at each gradient step.",
                    size: Size(width: 560, height: 320),
                    panel: Panel(x: Axis("gradient step"), y: Axis("mean binary cross-entropy"), layers: [
                        .line(Series("training loss", x: curve.indices.map(Double.init), y: curve, style: 1)),
                    ]))
                return ExperimentResult(
                    values: [
                        "initial-loss": curve[0], "final-loss": curve[curve.count - 1],
                        "accuracy": Double(correct) / Double(labels.count),
                    ],
                    figures: ["loss": figure])
            }
        }

        """#
    }

    var experimentTest: String {
        """
        import Testing
        @testable import BookExperiments

        /// The example experiment learns: its loss falls and it beats guessing, for every seed.
        @Test func firstFitLearns() throws {
            for seed in FirstFit().seeds {
                var experiment = FirstFit()
                experiment.seed = seed
                let values = try experiment.run().values
                #expect(try #require(values["final-loss"]) < #require(values["initial-loss"]))
                #expect(try #require(values["accuracy"]) > 0.6)
            }
        }

        """
    }

    var bookYML: String {
        """
        # The book's settings. Every key is optional; an unknown key is an error.
        title: \(yamlLiteral(title))
        language: en
        # authors: [Your Name]
        # subtitle: One line under the title
        # description: What the book is about, for search engines.
        # repository: https://github.com/you/your-book   (each page then links to its chapter file)

        """
    }

    var preface: String {
        """
        # \(markdownEscaped(title))

        This book was started with `docgen init`. Its chapters are the Markdown files
        in `chapters/`, numbered in reading order; its experiments are Swift types in
        `Sources/BookExperiments/`, and `swift run docgen` runs them, checks every
        derivation and claim, and writes the site to `output/`.

        Start with [the first chapter](01-first-chapter.md), which shows each thing a
        chapter can hold.

        """
    }

    var firstChapter: String {
        #"""
        # A first chapter

        Each part of this page is checked when the book is built; change one and run
        `swift run docgen` to see what happens.

        ## A checked derivation

        For a logit $z$ and a label $y \in \{0, 1\}$, the binary cross-entropy of
        $p = \sigma(z)$ has a simple derivative. docgen evaluates every step at 64
        points and stops the build at the first one that does not hold:

        ```derivation
        given: z in [-6, 6]; y in {0, 1}
        define: \sigma(t) = \frac{1}{1 + e^{-t}}
          \frac{d}{dz}\left(-y\log\sigma(z) - (1 - y)\log(1 - \sigma(z))\right)
        = \frac{d}{dz}\left(\log(1 + e^{z}) - y z\right)
        = \sigma(z) - y
        ```

        ## An experiment

        The experiment `first-fit` (in `Sources/BookExperiments/FirstFit.swift`)
        trains a logistic regression with that gradient:

        ```figure
        experiment: first-fit
        plot: loss
        label: fig:loss
        caption: The training loss of the first seed.
        ```

        The loss falls from {{first-fit.initial-loss}} to {{first-fit.final-loss}}
        (@fig:loss){{check all(first-fit.final-loss < first-fit.initial-loss)}}, and the
        model puts {{first-fit.accuracy}} of the points on the right side,
        {{first-fit.accuracy.mean | percent:1}} on average over its seeds.

        > [!TIP] Numbers are never typed by hand
        > Every number above comes from the experiment. Change a parameter in
        > `FirstFit.swift` and the page follows; a claim that no longer holds stops
        > the build at its line.

        ## An exercise

        ```exercise
        label: ex:gradient
        Why is the gradient $\sigma(z) - y$ never larger than one in absolute value?
        ---
        Both $\sigma(z)$ and $y$ lie between 0 and 1, so their difference lies
        between $-1$ and $1$.
        ```

        """#
    }

    var makefile: String {
        """
        # Two commands: `make site` builds the book into output/, `make test` tests it.
        SWIFT ?= swift

        .PHONY: site test

        site:
        \t$(SWIFT) run docgen

        # The experiments' tests, then the whole book checked, warnings as errors.
        test:
        \t$(SWIFT) test
        \t$(SWIFT) run docgen check --strict

        """
    }

    var readme: String {
        """
        # \(title)

        A book built with docgen: Markdown chapters in `chapters/`, experiments in
        Swift in `Sources/BookExperiments/`, a static site with checked math out.

        ```sh
        make site   # = swift run docgen: builds the book into output/ (open output/index.html)
        make test   # the experiments' tests, then the book checked with --strict
        ```

        `swift run docgen serve` previews it on http://127.0.0.1:8000/ and rebuilds on
        every edit; `swift run docgen list` lists the experiments. docgen needs Swift 6
        and libcmark (`apt-get install libcmark-dev`, or `brew install cmark`).

        - Add a chapter: `chapters/02-next.md`, numbered in reading order.
        - Add an experiment: a type conforming to `Experiment` in
          `Sources/BookExperiments/`, listed in `Registry+Book.swift`.
        - The book's title, authors and search: `chapters/book.yml`.

        """
    }

    var gitignore: String {
        """
        .build/
        .swiftpm/
        output/
        .docgen-cache/
        .*.docgen-lock

        """
    }

    var ciRun: String {
        """
        #!/usr/bin/env bash
        # CI: the README's test command.
        set -euo pipefail
        cd "$(dirname "$0")/.."
        make test

        """
    }
}

/// `"text"` with `\` and `"` escaped, for Package.swift.
func swiftLiteral(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// A double-quoted YAML scalar.
func yamlLiteral(_ text: String) -> String {
    "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
}

/// The title as Markdown text: characters Markdown or docgen would read as syntax escaped.
func markdownEscaped(_ text: String) -> String {
    var out = ""
    for character in text {
        if "\\`*_[]<>$#!{}|@~&".contains(character) { out.append("\\") }
        out.append(character)
    }
    return out
}
