import ExperimentKit
import Foundation
import XMLTree

/// Where the numbers of a page come from: each experiment with its source file,
/// version and parameters, then the compiler and the commit. Nothing here changes
/// from one build of the same sources to the next.
struct Provenance: Sendable {
    let registry: Registry
    /// The package's git commit, if it is a checkout (`sourceCommit(in:)`).
    let commit: String?

    /// The note at the foot of a page that uses `experiments`; nil for a page that uses none.
    func note(for experiments: [String], checks: [CheckedClaim] = []) -> Node? {
        guard !experiments.isEmpty else { return nil }
        let items = experiments.compactMap { id -> Node? in
            guard let experiment = registry[id] else { return nil }
            var parameters = experiment.parameters.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
            if let seeds = experiment.declaredSeeds {
                let list = seeds.map(String.init).joined(separator: ", ")
                parameters += (parameters.isEmpty ? "" : "; ") + "run for seeds \(list) (a single number is seed \(seeds[0])'s)"
            }
            return .el("li", [], [
                .el("code", text: id), .text(" (version \(experiment.version)) from "),
                .el("code", text: CacheKey.displayPath(of: experiment)),
                .text(parameters.isEmpty ? "" : "; " + parameters),
            ])
        }
        var built = "Built with \(CacheKey.compiler.replacingOccurrences(of: "swift-", with: "Swift "))"
        if let commit { built += " from commit \(commit)" }
        if let date = Self.sourceDate { built += " on \(date)" }
        return .el("aside", [["class": "provenance"], ["aria-label": "Where the numbers come from"]], [
            .el("p", [["class": "provenance-title"]], text: "Where the numbers on this page come from"),
            .el("ul", [], items),
            .el("p", [], text: built + "."),
        ] + checksList(checks))
    }

    /// Every claim of the page with its values, and every choice of words with the
    /// condition that made it: what the ✓ marks link to.
    private func checksList(_ checks: [CheckedClaim]) -> [Node] {
        guard !checks.isEmpty else { return [] }
        let items = checks.map { check -> Node in
            let chose = check.words.map { [Node.text("chose “")] + $0 + [.text("”: ")] } ?? []
            return .el("li", [["id": check.id]], chose + [.el("code", text: check.expression), .text(" — " + check.sentence)])
        }
        return [
            .el("p", [["class": "provenance-title"]], text: "Checked when this page was built"),
            .el("ol", [["class": "checks"]], items),
        ]
    }

    /// The date from `SOURCE_DATE_EPOCH`, the only date a page may show.
    static var sourceDate: String? {
        guard let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"], let seconds = Double(epoch) else { return nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date(timeIntervalSince1970: seconds))
    }

    /// The commit of the package's git checkout, if it is one and git is installed.
    static func sourceCommit(in directory: String) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", directory, "rev-parse", "--short=12", "HEAD"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        let commit = String(decoding: data, as: UTF8.self).trimmingWhitespace()
        return commit.isEmpty ? nil : commit
    }
}

extension Node {
    /// The node with each link (`<a>`) turned into a `<span>` of its content.
    var withoutLinks: Node {
        guard case .element(var element) = self else { return self }
        element.children = element.children.map(\.withoutLinks)
        if element.name == "a" { element = Element("span", [], element.children) }
        return .element(element)
    }
}
