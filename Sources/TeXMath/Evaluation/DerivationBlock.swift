import SourceErrors
/// The parsed body of a ` ```derivation ` block: declarations, definitions and the chain of steps.
struct DerivationBlock: Sendable {
    /// Given variables in the order written; the note lists them in this order.
    var variables: [(name: String, domain: Domain)] = []
    /// `N = 5`: sizes usable as vector lengths and as constants.
    var sizes: [String: Int] = [:]
    var functions: [String: DefinedFunction] = [:]
    var arities: [String: Int] = [:]
    /// The chain's TeX and its nodes.
    var chain: LocatedText
    var steps: [MathNode]

    /// The most numbers all vectors of one derivation may hold together. Each is sampled at
    /// every point, and a sum over more elements than `Evaluator.workBudget` could not be
    /// evaluated anyway; textbook vectors have a handful.
    static let maximumVectorElements = 100_000

    var scalars: Set<String> {
        Set(variables.filter { $0.domain.length == nil }.map(\.name)).union(sizes.keys)
    }

    var vectors: Set<String> {
        Set(variables.filter { $0.domain.length != nil }.map(\.name))
    }

    /// Parses `body`, whose first line is line `line` of `file`.
    init(_ body: String, file: String, line firstLine: Int) throws(LocatedError) {
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var declaredVectors: [(index: Int, lengthName: String?, range: Range<Int>, source: LocatedText)] = []
        var definitions: [(item: Item, source: LocatedText)] = []
        var chainStart: Int?
        for (index, text) in lines.enumerated() {
            let source = LocatedText(text, start: TextLocation(file: file, line: firstLine + index, column: 1))
            let trimmed = text.trimmingSpaces
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("given:") {
                for item in Item.split(text, after: "given:") {
                    if let vector = try Self.declare(item, source, into: &variables, sizes: &sizes) {
                        declaredVectors.append((variables.count - 1, vector.lengthName, vector.range, source))
                    }
                }
            } else if trimmed.hasPrefix("define:") {
                definitions += Item.split(text, after: "define:").map { ($0, source) }
            } else {
                chainStart = index
                break
            }
        }
        var elements = 0
        for vector in declaredVectors {
            if let name = vector.lengthName {
                guard let length = sizes[name] else {
                    throw vector.source.error("unknown size '\(name)'; add e.g. '\(name) = 5' to given:", at: vector.range)
                }
                guard length >= 1 else { throw vector.source.error("empty domain: a vector needs length ≥ 1", at: vector.range) }
                variables[vector.index].domain.length = length
            }
            // Every element is sampled at every point: N = 10^11 asked for 800 GB.
            let length = variables[vector.index].domain.length ?? 0
            guard length <= Self.maximumVectorElements - elements else {
                throw vector.source.error(
                    "'\(variables[vector.index].name)' has \(length) elements, too many to check: the vectors of a derivation "
                        + "hold at most \(Self.maximumVectorElements) numbers in all (each sampled at \(CheckedDerivation.samplePoints) points)",
                    at: vector.range)
            }
            elements += length
        }
        guard let chainStart else {
            let end = LocatedText(body, start: TextLocation(file: file, line: firstLine, column: 1))
            throw end.error("a derivation needs a chain of steps after given: and define:", at: 0..<max(body.utf8.count, 1))
        }
        let chainText = lines[chainStart...].joined(separator: "\n")
        chain = LocatedText(chainText, start: TextLocation(file: file, line: firstLine + chainStart, column: 1))
        steps = []
        for (item, source) in definitions { try define(item, source) }
        do throws(LocalError) {
            var parser = try Parser(chain, style: .display)
            steps = try parser.parseFormula()
            if let label = parser.label {
                throw LocalError("a derivation cannot carry an equation \\label", at: label.range)
            }
        } catch {
            throw chain.error(error.message, at: error.range)
        }
    }

    // MARK: given:

    /// Adds one `given:` item; for a vector, returns where its domain is written and the size
    /// name of its length if that is resolved later.
    private static func declare(
        _ item: Item, _ source: LocatedText, into variables: inout [(name: String, domain: Domain)], sizes: inout [String: Int]
    ) throws(LocatedError) -> (lengthName: String?, range: Range<Int>)? {
        let text = item.text
        if let separator = item.separator(for: ["\\in", " in "]) {
            let nameRange = item.offset..<(item.offset + separator.lowerBound)
            let name = try variableName(source.slice(nameRange), source, nameRange)
            if variables.contains(where: { $0.name == name }) || sizes[name] != nil {
                throw source.error("'\(name)' is given twice", at: nameRange)
            }
            let domainRange = (item.offset + separator.upperBound)..<(item.offset + text.utf8.count)
            let (domain, lengthName) = try parseDomain(source.slice(domainRange), source, domainRange)
            variables.append((name, domain))
            return domain.length != nil || lengthName != nil ? (lengthName, domainRange) : nil
        }
        if let separator = item.separator(for: ["="]) {
            let nameRange = item.offset..<(item.offset + separator.lowerBound)
            let name = try variableName(source.slice(nameRange), source, nameRange)
            let valueRange = (item.offset + separator.upperBound)..<(item.offset + text.utf8.count)
            guard let value = Int(source.slice(valueRange).trimmingSpaces) else {
                throw source.error("a size is a whole number, e.g. N = 5", at: valueRange)
            }
            sizes[name] = value
            return nil
        }
        throw source.error("expected 'name in domain' or 'N = 5'", at: item.offset..<(item.offset + text.utf8.count))
    }

    private static func variableName(_ tex: String, _ source: LocatedText, _ range: Range<Int>) throws(LocatedError) -> String {
        let nodes = try parse(tex, source, range)
        guard nodes.count == 1, let name = Lowering.name(of: nodes[0]) else {
            throw source.error("expected one variable name such as z, \\theta or w_{ij}", at: range)
        }
        return name
    }

    private static func parse(_ tex: String, _ source: LocatedText, _ range: Range<Int>) throws(LocatedError) -> [MathNode] {
        let start = source.location(of: range.lowerBound)
        let local = LocatedText(tex, start: start)
        do {
            var parser = try Parser(local, style: .inline)
            return try parser.parseFormula()
        } catch {
            throw local.error(error.message, at: error.range)
        }
    }

    /// `[a, b]`, `(a, b]`, `{0, 1}`, `{1, ..., 10}`, optionally `^N` or `^5`.
    private static func parseDomain(_ raw: String, _ source: LocatedText, _ range: Range<Int>) throws(LocatedError) -> (Domain, String?) {
        var text = raw.trimmingSpaces
        var lengthName: String?
        var length: Int?
        if let caret = text.lastIndex(of: "^"), let close = text.lastIndex(where: { "])}".contains($0) }), caret > close {
            var exponent = String(text[text.index(after: caret)...]).trimmingSpaces
            if exponent.hasPrefix("{"), exponent.hasSuffix("}") { exponent = String(exponent.dropFirst().dropLast()).trimmingSpaces }
            if let number = Int(exponent) {
                guard number >= 1 else { throw source.error("empty domain: a vector needs length ≥ 1", at: range) }
                length = number
            } else {
                lengthName = exponent
            }
            text = String(text[..<caret]).trimmingSpaces
        }
        func number(_ part: Substring) throws(LocatedError) -> Double {
            let cleaned = String(part).trimmingSpaces.asciiMinus
            guard let value = Double(cleaned), value.isFinite else {
                throw source.error("'\(String(part).trimmingSpaces)' is not a number", at: range)
            }
            return value
        }
        if let first = text.first, let last = text.last, "[(".contains(first), "])".contains(last) {
            let parts = text.dropFirst().dropLast().split(separator: ",", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw source.error("an interval is [a, b] or (a, b)", at: range) }
            let lower = try number(parts[0])
            let upper = try number(parts[1])
            let openLower = first == "("
            let openUpper = last == ")"
            guard lower < upper || (lower == upper && !openLower && !openUpper) else {
                throw source.error("empty domain: \(Domain.format(lower)) is not below \(Domain.format(upper))", at: range)
            }
            return (Domain(values: .interval(lower: lower, upper: upper, openLower: openLower, openUpper: openUpper), length: length), lengthName)
        }
        var inner = Substring(text)
        if inner.hasPrefix("\\{"), inner.hasSuffix("\\}") {
            inner = inner.dropFirst(2).dropLast(2)
        } else if inner.hasPrefix("{"), inner.hasSuffix("}") {
            inner = inner.dropFirst().dropLast()
        } else {
            throw source.error("a domain is [a, b], (a, b), {a, b, …} or {1, ..., n}", at: range)
        }
        let parts = inner.split(separator: ",").map { String($0).trimmingSpaces }
        let ellipses: Set<String> = ["...", "…", "\\dots", "\\ldots", "\\cdots"]
        if parts.contains(where: ellipses.contains) {
            guard parts.count == 3, ellipses.contains(parts[1]),
                let lower = Int(parts[0].asciiMinus),
                let upper = Int(parts[2].asciiMinus)
            else {
                throw source.error("an integer range is {a, ..., b} with whole numbers a and b", at: range)
            }
            guard lower <= upper else {
                throw source.error("empty domain: \(lower) is above \(upper)", at: range)
            }
            // Samples are Doubles, which hold every integer only up to 2^53; beyond it a sample
            // could round to a value outside the range (and the count of 0...Int.max overflowed).
            guard lower.magnitude <= Domain.largestExactInteger, upper.magnitude <= Domain.largestExactInteger else {
                throw source.error(
                    "an integer range must lie within ±2^53 (\(Domain.largestExactInteger)), where every integer is exact in a Double",
                    at: range)
            }
            return (Domain(values: .integers(lower...upper), length: length), lengthName)
        }
        var values: [Double] = []
        for part in parts where !part.isEmpty { values.append(try number(Substring(part))) }
        guard !values.isEmpty else { throw source.error("empty domain: the set has no elements", at: range) }
        return (Domain(values: .set(values), length: length), lengthName)
    }

    // MARK: define:

    /// `\sigma(t) = …`, `f(x, y) = …` or `c = …` (a constant, which may use the given variables).
    private mutating func define(_ item: Item, _ source: LocatedText) throws(LocatedError) {
        let range = item.offset..<(item.offset + item.text.utf8.count)
        let nodes = try Self.parse(item.text, source, range)
        let local = LocatedText(item.text, start: source.location(of: item.offset))
        do throws(LocalError) {
            guard let equals = nodes.firstIndex(where: { $0.kind == .symbol("=", .relation) }), equals > 0,
                let name = Lowering.name(of: nodes[0])
            else {
                throw LocalError("a definition is name(parameters) = expression", at: 0..<item.text.utf8.count)
            }
            if scalars.contains(name) || vectors.contains(name) || arities[name] != nil {
                throw LocalError("'\(name)' is already given or defined", at: nodes[0].range)
            }
            var parameters: [String] = []
            let head = Array(nodes[1..<equals])
            if !head.isEmpty {
                var inner = head
                if case .fenced("(", let body, ")") = head[0].kind, head.count == 1 {
                    inner = body
                } else if head.count >= 2, head.first?.kind == .delimiter("(", size: nil), head.last?.kind == .delimiter(")", size: nil) {
                    inner = Array(head.dropFirst().dropLast())
                } else {
                    throw LocalError("parameters go in parentheses: f(x, y) = …", at: head[0].range)
                }
                for piece in inner.split(whereSeparator: { $0.kind == .symbol(",", .punctuation) }) {
                    guard piece.count == 1, let parameter = Lowering.name(of: piece[piece.startIndex]) else {
                        throw LocalError("a parameter is one name", at: piece.first?.range ?? head[0].range)
                    }
                    parameters.append(parameter)
                }
            }
            let lowering = Lowering(functions: arities, scalars: scalars.union(parameters), vectors: vectors)
            let rhs = Array(nodes[(equals + 1)...])
            let body = try lowering.expression(rhs, at: nodes[equals].range)
            functions[name] = DefinedFunction(parameters: parameters, body: body)
            arities[name] = parameters.count
        } catch {
            throw local.error(error.message, at: error.range)
        }
    }
}

/// One `;`-separated item of a `given:` or `define:` line, with its byte offset in the line.
struct Item: Sendable {
    var text: String
    var offset: Int

    /// Items after `keyword`; `\;` (a TeX space) does not split.
    static func split(_ line: String, after keyword: String) -> [Item] {
        let bytes = Array(line.utf8)
        guard let keywordRange = line.range(of: keyword) else { return [] }
        var start = line.utf8.distance(from: line.startIndex, to: keywordRange.upperBound)
        var items: [Item] = []
        var index = start
        while index <= bytes.count {
            if index == bytes.count || (bytes[index] == UInt8(ascii: ";") && (index == 0 || bytes[index - 1] != UInt8(ascii: "\\"))) {
                var lower = start
                var upper = index
                while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
                while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 || bytes[upper - 1] == 0x0D { upper -= 1 }
                if upper > lower {
                    items.append(Item(text: String(decoding: bytes[lower..<upper], as: UTF8.self), offset: lower))
                }
                start = index + 1
            }
            index += 1
        }
        return items
    }

    /// The byte range (within the item) of the first separator found, e.g. `\in` not followed by a letter.
    func separator(for candidates: [String]) -> Range<Int>? {
        let bytes = Array(text.utf8)
        for candidate in candidates {
            let needle = Array(candidate.utf8)
            guard needle.count <= bytes.count else { continue }
            for start in 0...(bytes.count - needle.count) where Array(bytes[start..<(start + needle.count)]) == needle {
                let end = start + needle.count
                if candidate == "\\in", end < bytes.count, (bytes[end] >= 0x41 && bytes[end] <= 0x5A) || (bytes[end] >= 0x61 && bytes[end] <= 0x7A) {
                    continue
                }
                return start..<end
            }
        }
        return nil
    }
}
