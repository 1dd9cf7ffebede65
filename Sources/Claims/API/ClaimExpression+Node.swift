extension ClaimExpression {
    /// One node of a parsed expression, with its UTF-8 byte range in the text
    /// between `{{` and `}}`.
    ///
    /// Chains of one operator level (`a + b - c`, `p and q and r`) are single
    /// nodes with a list of operands, so a long chain is wide rather than deep;
    /// parentheses are kept (``group``), so the tree prints as the author wrote it.
    public indirect enum Node: Sendable, Equatable {
        /// A number as written (`0.5`, `1e-3`).
        case number(Double, Range<Int>)
        /// An output, aggregate or parameter.
        case name(NameUse)
        /// `( … )`.
        case group(Node, Range<Int>)
        /// `-x`.
        case negate(Node, Range<Int>)
        /// `a + b - c` or `a * b / c`: the first operand, then each operator with its operand.
        /// The operators of one node are all additive or all multiplicative.
        case arithmetic(Node, [Step], Range<Int>)
        /// `abs(x)`, `min(a, b, c)`.
        case call(ClaimFunction, [Node], Range<Int>)
        /// `a < b`; comparisons do not chain.
        case comparison(Node, ComparisonOperator, Node, Range<Int>)
        /// `not p`.
        case not(Node, Range<Int>)
        /// `p and q and …`: two operands or more.
        case and([Node], Range<Int>)
        /// `p or q or …`: two operands or more.
        case or([Node], Range<Int>)
        /// `all(p)` or `any(p)`.
        case quantifier(Quantifier, Node, Range<Int>)

        /// Its UTF-8 byte range in the text between `{{` and `}}`.
        public var range: Range<Int> {
            switch self {
            case .number(_, let range), .group(_, let range), .negate(_, let range), .arithmetic(_, _, let range),
                .call(_, _, let range), .comparison(_, _, _, let range), .not(_, let range), .and(_, let range),
                .or(_, let range), .quantifier(_, _, let range):
                range
            case .name(let use):
                use.range
            }
        }

        /// Whether it is a number or true or false.
        public var type: ClaimType {
            switch self {
            case .number, .name, .negate, .arithmetic, .call: .number
            case .comparison, .not, .and, .or, .quantifier: .boolean
            case .group(let inner, _): inner.type
            }
        }
    }

    /// One operator of an ``Node/arithmetic(_:_:_:)`` chain and the operand after it.
    public struct Step: Sendable, Equatable {
        /// `+`, `-`, `*` or `/`.
        public var op: ArithmeticOperator
        /// The operator's byte range, where a division by zero is reported.
        public var operatorRange: Range<Int>
        /// The operand to its right.
        public var operand: Node

        /// `op` at `operatorRange`, followed by `operand`.
        public init(op: ArithmeticOperator, operatorRange: Range<Int>, operand: Node) {
            self.op = op
            self.operatorRange = operatorRange
            self.operand = operand
        }
    }
}
