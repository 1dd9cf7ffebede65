import Claims
import CommonMark
import ExperimentKit
import Foundation

/// Finds numbers typed into prose that an experiment of the same page holds:
/// such a number goes stale when the experiment changes, so it should be a
/// `{{value}}`. Code, math and values are not prose; years, numbers after
/// "Chapter", "Figure" and the like, one-digit numbers and parts of words are skipped.
struct TypedNumbers {
    /// A number the page's experiments hold, and how prose would print it.
    fileprivate struct Candidate {
        var name: String
        var value: Double
    }

    private let candidates: [Candidate]

    /// The values (and summaries over seeds) and numeric parameters of each experiment
    /// that has results, computed once for the book: pages share experiments, and asking
    /// an experiment for its outputs and parameters (a `Mirror`) is not free.
    struct Catalog {
        fileprivate var byExperiment: [String: [Candidate]] = [:]

        init(registry: Registry, results: [String: ExperimentRuns]) {
            for (id, runs) in results {
                guard let experiment = registry[id] else { continue }
                var candidates: [Candidate] = []
                for value in experiment.outputs.values {
                    guard let samples = runs.samples(of: value.name) else { continue }
                    candidates.append(Candidate(name: "\(id).\(value.name)", value: samples[0]))
                    if samples.count > 1 {
                        for aggregate in Aggregate.allCases {
                            guard let number = aggregate.of(samples) else { continue }
                            candidates.append(Candidate(name: "\(id).\(value.name).\(aggregate.rawValue)", value: number))
                        }
                    }
                }
                // A seed is a name for a stream of random numbers, not a quantity prose reports.
                for parameter in experiment.parameters where !parameter.name.contains("seed") {
                    if let number = NamedValue.number(parameter.value) {
                        candidates.append(Candidate(name: "\(id).param.\(NamedValue.slug(parameter))", value: number))
                    }
                }
                byExperiment[id] = candidates.filter { $0.value.isFinite }
            }
        }
    }

    /// The candidates of `experiments` (a page's, in order of first use).
    init(experiments: [String], catalog: Catalog) {
        candidates = experiments.flatMap { catalog.byExperiment[$0] ?? [] }
    }

    /// A warning for each typed number of `page`'s prose that one of the values equals at its printed precision.
    func warnings(in page: Chapter) -> [Diagnostic] {
        guard !candidates.isEmpty else { return [] }
        var warnings: [Diagnostic] = []
        func visit(_ node: DocumentNode) {
            switch node.kind {
            case .markdown(.text(let text)):
                if let start = node.range?.start { warnings += scan(text, at: start) }
            case .markdown(.heading(level: 1)):
                // The page title is plain text: it cannot hold a value.
                return
            default:
                node.children.forEach(visit)
            }
        }
        visit(page.document)
        return warnings
    }

    /// 10^-decimals: the value of one unit in the last typed digit.
    private static func unit(_ decimals: Int) -> Double {
        var unit = 1.0
        for _ in 0..<decimals { unit /= 10 }
        return unit
    }

    /// Words after which a number is a name, not a measurement.
    private static let namingWords = ["chapter", "section", "figure", "table", "equation", "exercise", "version", "§", "step", "part"]

    private func scan(_ text: String, at start: SourceLocation) -> [Diagnostic] {
        let bytes = Array(text.utf8)
        var warnings: [Diagnostic] = []
        var index = 0
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        func isWordByte(_ i: Int) -> Bool {
            guard i >= 0, i < bytes.count else { return false }
            let byte = bytes[i]
            return (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == UInt8(ascii: "_") || isDigit(i) || byte >= 0x80
        }
        while index < bytes.count {
            guard isDigit(index), !isWordByte(index - 1), index == 0 || bytes[index - 1] != UInt8(ascii: ".") else {
                index += 1
                continue
            }
            // A sign just before: '-' or the typographic minus U+2212.
            var first = index
            if index >= 1 && bytes[index - 1] == UInt8(ascii: "-") && !isWordByte(index - 2) { first = index - 1 }
            if index >= 3 && Array(bytes[index - 3..<index]) == [0xE2, 0x88, 0x92] { first = index - 3 }
            var end = index
            while isDigit(end) { end += 1 }
            var decimals = 0
            if end + 1 < bytes.count && bytes[end] == UInt8(ascii: ".") && isDigit(end + 1) {
                end += 1
                while isDigit(end) { end += 1; decimals += 1 }
            }
            let percent = end < bytes.count && bytes[end] == UInt8(ascii: "%")
            let after = percent ? end + 1 : end
            defer { index = after }
            // `64-bit`, `3rd`, `x2.5y`: part of a word.
            if isWordByte(after) || (after < bytes.count && bytes[after] == UInt8(ascii: "-") && isWordByte(after + 1)) { continue }
            let digits = String(decoding: bytes[index..<end], as: UTF8.self)
            let significant = digits.filter(\.isNumber).drop { $0 == "0" }
            guard significant.count >= 2 else { continue }
            if decimals == 0 && !percent && digits.count == 4, let year = Int(digits), (1900...2100).contains(year) { continue }
            // The word just before (the longest naming word is 8 bytes): not the whole prefix, or a long paragraph costs its length per number.
            let before = String(decoding: bytes[max(0, first - 12)..<first], as: UTF8.self).lowercased().trimmingWhitespace()
            if Self.namingWords.contains(where: { before.hasSuffix($0) }) { continue }
            let negative = first < index
            let typed = (negative ? "-" : "") + digits
            var names: [String] = []
            // Only a number within a unit of the last typed digit can print as `typed`: compare
            // numerically first and format only those (formatting every candidate was most of the lint).
            guard let number = Double(typed) else { continue }
            let unit = Self.unit(decimals)
            for candidate in candidates where !names.contains(candidate.name) {
                let value = percent ? candidate.value * 100 : candidate.value
                guard abs(value - number) <= max(unit, abs(value) * 1e-12) else { continue }
                let shown = PrintfNumber.fixed(value, digits: decimals)
                if shown == typed { names.append(candidate.name) }
            }
            guard let name = names.first else { continue }
            let format = percent ? "percent:\(decimals)" : decimals == 0 ? "int" : "fixed:\(decimals)"
            let shownText = String(decoding: bytes[first..<after], as: UTF8.self)
            let location = SourceLocation(file: start.file, line: start.line, column: start.column + first)
            let also = names.count > 1 ? " (or " + names.dropFirst().prefix(3).joined(separator: ", ") + ")" : ""
            warnings.append(.warning(location, "\(shownText) is \(name)\(also); write {{\(name) | \(format)}}"))
        }
        return warnings
    }
}
