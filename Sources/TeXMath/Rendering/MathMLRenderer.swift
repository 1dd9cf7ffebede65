import XMLTree

/// Renders `MathNode`s to MathML Core element trees, following Temml's choices (see MATH.md).
struct MathMLRenderer {
    /// Top-level style: display math sets big operators with limits above and below.
    var display: Bool

    /// One presentation element for a row: the single child itself, or an `mrow`.
    func mrow(_ nodes: [MathNode], display: Bool, font: MathFont? = nil) -> Node {
        let children = row(nodes, display: display, font: font)
        return children.count == 1 ? children[0] : .el("mrow", [], children)
    }

    /// The children of a row: prefix minus, function application and merged roman letters happen here.
    func row(_ nodes: [MathNode], display: Bool, font: MathFont? = nil) -> [Node] {
        var out: [Node] = []
        var prefixPosition = true
        var index = 0
        while index < nodes.count {
            let node = nodes[index]
            if font == .roman, case .identifier = node.kind {
                // \mathrm{softmax} is one upright name, not seven letters.
                var letters = ""
                while index < nodes.count, case .identifier(let letter) = nodes[index].kind {
                    letters += letter
                    index += 1
                }
                out.append(identifier(letters, font: .roman))
                prefixPosition = false
                continue
            }
            if node.isFunctionLike, !prefixPosition, index > 0 {
                // TeX puts a thin space between an operand and a function name: y log x.
                out.append(space(0.1667))
            }
            if prefixPosition, case .symbol(let text, .binary) = node.kind, text == "−" || text == "+" || text == "±" {
                out.append(.el("mo", [["form": "prefix"]], text: text))
            } else {
                out.append(render(node, display: display, font: font))
            }
            if node.isFunctionLike {
                out.append(.el("mo", [], text: "\u{2061}"))
                if index + 1 < nodes.count, !nodes[index + 1].startsWithDelimiter {
                    out.append(space(0.1667))
                }
            }
            // Spacing commands do not change whether an operand is expected.
            if case .space = node.kind {} else { prefixPosition = node.makesNextPrefix }
            index += 1
        }
        return out
    }

    func render(_ node: MathNode, display: Bool, font: MathFont?) -> Node {
        switch node.kind {
        case .group(let children):
            return mrow(children, display: display, font: font)
        case .identifier(let text):
            return identifier(text, font: font)
        case .number(let text):
            return .el("mn", [], text: font.map { MathAlphabet.apply($0, to: text) } ?? text)
        case .symbol(let text, let kind):
            return symbol(text, kind)
        case .function(let name, _):
            return .el("mi", name.count == 1 ? [["mathvariant": "normal"]] : [], text: name)
        case .largeOperator(let text, _):
            return .el("mo", [], text: text)
        case .scripts(let base, let sub, let sup):
            return scripts(base, sub, sup, display: display, font: font)
        case .fraction(let numerator, let denominator, let style):
            let inner = style == .display
            let fraction = Node.el("mfrac", [], [
                mrow([numerator], display: inner, font: font), mrow([denominator], display: inner, font: font),
            ])
            switch style {
            case .auto: return fraction
            case .display: return .el("mstyle", [["displaystyle": "true"], ["scriptlevel": "0"]], [fraction])
            case .text: return .el("mstyle", [["displaystyle": "false"], ["scriptlevel": "0"]], [fraction])
            }
        case .root(let radicand, let index):
            guard let index else {
                return .el("msqrt", [], row([radicand], display: display, font: font))
            }
            return .el("mroot", [], [mrow([radicand], display: display, font: font), mrow([index], display: false)])
        case .fenced(let open, let body, let close):
            var children: [Node] = []
            if open != "." { children.append(fence(open, form: "prefix")) }
            children += row(body, display: display, font: font)
            if close != "." { children.append(fence(close, form: "postfix")) }
            return .el("mrow", [], children)
        case .middle(let text):
            // As Temml: Chromium only stretches it with form="prefix"; delimiter spacing, not relation spacing.
            return .el("mo", [["fence": "true"], ["form": "prefix"], ["stretchy": "true"],
                              ["lspace": "0.05em"], ["rspace": "0.05em"]], text: text)
        case .delimiter(let text, let size):
            guard let size else { return .el("mo", [["stretchy": "false"]], text: text) }
            let height = Self.em(size.rawValue)
            return .el("mo", [["fence": "false"], ["stretchy": "true"], ["symmetric": "true"],
                              ["minsize": height], ["maxsize": height]], text: text)
        case .accent(let base, let accent):
            let stretchy = accent == "‾" ? "true" : "false"
            return .el("mover", [["accent": "true"]], [
                mrow([base], display: display, font: font), .el("mo", [["stretchy": stretchy]], text: accent),
            ])
        case .styled(let style, let inner):
            return mrow([inner], display: display, font: style)
        case .text(let text):
            // Leading and trailing spaces would collapse inside <mtext>.
            var chars = Array(text)
            if chars.first == " " { chars[0] = "\u{00A0}" }
            if chars.count > 1, chars.last == " " { chars[chars.count - 1] = "\u{00A0}" }
            return .el("mtext", [], text: String(chars))
        case .space(let width):
            if width < 0 {
                // <mspace> cannot be negative in Core; Temml uses a negative margin on an empty mrow.
                return .el("mrow", [["style": "margin-left:\(Self.em(width));"]])
            }
            return space(width)
        case .environment(let kind, let rows):
            return environment(kind, rows, font: font)
        }
    }

    // MARK: Pieces

    private func identifier(_ text: String, font: MathFont?) -> Node {
        if let font, font != .roman {
            return .el("mi", [], text: MathAlphabet.apply(font, to: text))
        }
        let upright = font == .roman || Symbols.uprightGreek.contains(text)
        return .el("mi", upright && text.count == 1 ? [["mathvariant": "normal"]] : [], text: text)
    }

    private func symbol(_ text: String, _ kind: SymbolClass) -> Node {
        switch kind {
        case .ordinary where Self.operatorLikeOrdinaries.contains(text):
            return .el("mo", [], text: text)
        case .ordinary:
            return .el("mi", text == "∇" ? [["mathvariant": "normal"]] : [], text: text)
        case .relation where text == "|":
            return .el("mo", [["lspace": "0.22em"], ["rspace": "0.22em"]], text: text)
        case .binary, .relation, .punctuation:
            return .el("mo", [], text: text)
        }
    }

    private static let operatorLikeOrdinaries: Set<String> = ["/", "!", "?", ".", "@", "\""]

    private func fence(_ text: String, form: String) -> Node {
        .el("mo", [["fence": "true"], ["form": form], ["stretchy": "true"]], text: text)
    }

    private func space(_ width: Double) -> Node {
        .el("mspace", [["width": Self.em(width)]])
    }

    private func scripts(_ base: MathNode, _ sub: MathNode?, _ sup: MathNode?, display: Bool, font: MathFont?) -> Node {
        let subNode = sub.map { mrow([$0], display: false, font: font) }
        let supNode = sup.map { mrow([$0], display: false, font: font) }
        var baseNode = render(base, display: display, font: font)
        var limits = false
        switch base.kind {
        case .largeOperator(let text, let placement):
            limits = placement == .always || (placement == .displayStyle && display)
            if limits { baseNode = .el("mo", [["movablelimits": "false"]], text: text) }
        case .function(_, let takesLimits):
            limits = display && takesLimits
        default:
            break
        }
        switch (subNode, supNode) {
        case (let subNode?, let supNode?):
            return .el(limits ? "munderover" : "msubsup", [], [baseNode, subNode, supNode])
        case (let subNode?, nil):
            return .el(limits ? "munder" : "msub", [], [baseNode, subNode])
        case (nil, let supNode?):
            return .el(limits ? "mover" : "msup", [], [baseNode, supNode])
        case (nil, nil):
            return baseNode
        }
    }

    private func environment(_ kind: EnvironmentKind, _ rows: [[MathNode]], font: MathFont?) -> Node {
        let aligned = kind == .aligned
        let tableRows: [Node] = rows.map { cells in
            .el("mtr", [], cells.enumerated().map { column, cell in
                let alignment: [Attribute]
                switch kind {
                case .aligned: alignment = [["class": column.isMultiple(of: 2) ? "texmath-right" : "texmath-left"]]
                case .cases: alignment = [["class": "texmath-left"]]
                default: alignment = []
                }
                let content: [MathNode]
                if case .group(let children) = cell.kind { content = children } else { content = [cell] }
                return .el("mtd", alignment, row(content, display: aligned, font: font))
            })
        }
        var tableAttributes: [Attribute] = []
        if aligned { tableAttributes = [["displaystyle": "true"], ["class": "texmath-aligned"]] }
        if kind == .cases { tableAttributes = [["class": "texmath-cases"]] }
        let table = Node.el("mtable", tableAttributes, tableRows)
        let fences: (String, String)? = switch kind {
        case .pmatrix: ("(", ")")
        case .bmatrix: ("[", "]")
        case .vmatrix: ("|", "|")
        case .cases: ("{", ".")
        case .matrix, .aligned: nil
        }
        guard let (open, close) = fences else { return table }
        var children = [fence(open, form: "prefix"), table]
        if close != "." { children.append(fence(close, form: "postfix")) }
        return .el("mrow", [], children)
    }

    /// `0.1667em`, `1em`, `-0.1667em`: the shortest spelling, so goldens stay stable.
    static func em(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value))em" : "\(value)em"
    }
}

extension MathNode {
    /// A function name (with or without limits) that needs `&#x2061;` after it.
    var isFunctionLike: Bool {
        switch kind {
        case .function: true
        case .scripts(let base, _, _): base.isFunctionLike
        default: false
        }
    }

    /// Whether a following node begins with a bracket, so no thin space is put after a function name.
    var startsWithDelimiter: Bool {
        switch kind {
        case .delimiter, .fenced: true
        case .scripts(let base, _, _): base.startsWithDelimiter
        default: false
        }
    }

    /// Whether a `−` right after this node is a prefix (unary) minus.
    var makesNextPrefix: Bool {
        switch kind {
        case .symbol(_, let kind): kind != .ordinary
        case .delimiter(let text, _): Symbols.openDelimiters.contains(text)
        case .middle, .largeOperator: true
        case .scripts(let base, _, _):
            if case .largeOperator = base.kind { true } else { false }
        default: false
        }
    }
}
