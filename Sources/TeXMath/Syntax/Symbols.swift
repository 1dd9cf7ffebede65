/// The command tables of the supported TeX subset; anything not listed here is an unknown command.
enum Symbols {
    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "ϕ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
        "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
        "Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]

    /// Capital Greek is upright in TeX, so it needs `mathvariant="normal"` (Core italicises single letters).
    static let uprightGreek: Set<String> = ["Γ", "Δ", "Θ", "Λ", "Ξ", "Π", "Σ", "Υ", "Φ", "Ψ", "Ω"]

    static let symbols: [String: (String, SymbolClass)] = [
        "cdot": ("⋅", .binary), "times": ("×", .binary), "pm": ("±", .binary), "mp": ("∓", .binary),
        "circ": ("∘", .binary), "odot": ("⊙", .binary), "otimes": ("⊗", .binary), "oplus": ("⊕", .binary),
        "ast": ("∗", .binary), "star": ("⋆", .binary), "setminus": ("∖", .binary), "cup": ("∪", .binary),
        "cap": ("∩", .binary), "div": ("÷", .binary), "wedge": ("∧", .binary), "vee": ("∨", .binary),
        "leq": ("≤", .relation), "le": ("≤", .relation), "geq": ("≥", .relation), "ge": ("≥", .relation),
        "neq": ("≠", .relation), "ne": ("≠", .relation), "approx": ("≈", .relation),
        "propto": ("∝", .relation), "in": ("∈", .relation), "notin": ("∉", .relation),
        "sim": ("∼", .relation), "simeq": ("≃", .relation), "equiv": ("≡", .relation),
        "to": ("→", .relation), "rightarrow": ("→", .relation), "leftarrow": ("←", .relation),
        "Rightarrow": ("⇒", .relation), "Leftarrow": ("⇐", .relation), "iff": ("⟺", .relation),
        "implies": ("⟹", .relation), "mapsto": ("↦", .relation), "ll": ("≪", .relation),
        "gg": ("≫", .relation), "subset": ("⊂", .relation), "subseteq": ("⊆", .relation),
        "coloneqq": ("≔", .relation), "triangleq": ("≜", .relation), "mid": ("|", .relation),
        "infty": ("∞", .ordinary), "partial": ("∂", .ordinary), "nabla": ("∇", .ordinary),
        "ell": ("ℓ", .ordinary), "top": ("⊤", .ordinary), "forall": ("∀", .ordinary),
        "exists": ("∃", .ordinary), "emptyset": ("∅", .ordinary), "prime": ("′", .ordinary),
        "ldots": ("…", .ordinary), "dots": ("…", .ordinary), "cdots": ("⋯", .ordinary),
        "vdots": ("⋮", .ordinary), "ddots": ("⋱", .ordinary), "hbar": ("ℏ", .ordinary),
        "%": ("%", .ordinary), "#": ("#", .ordinary), "$": ("$", .ordinary), "&": ("&", .ordinary),
        "_": ("_", .ordinary),
    ]

    /// Characters typed directly: operators and punctuation.
    static let characters: [Character: (String, SymbolClass)] = [
        "+": ("+", .binary), "-": ("−", .binary), "*": ("∗", .binary), "/": ("/", .ordinary),
        "=": ("=", .relation), "<": ("<", .relation), ">": (">", .relation), ":": (":", .relation),
        ",": (",", .punctuation), ";": (";", .punctuation), "!": ("!", .ordinary), "?": ("?", .ordinary),
        ".": (".", .ordinary), "@": ("@", .ordinary), "\"": ("\"", .ordinary),
    ]

    /// Function names set upright and followed by an invisible function application.
    static let functions: [String: Bool] = [
        "log": false, "ln": false, "exp": false, "sin": false, "cos": false, "tan": false,
        "sinh": false, "cosh": false, "tanh": false, "arg": false, "deg": false, "dim": false,
        "ker": false, "sec": false, "csc": false, "cot": false, "lg": false,
        "max": true, "min": true, "sup": true, "inf": true, "lim": true, "det": true, "Pr": true,
        "argmax": true, "argmin": true, "liminf": true, "limsup": true,
    ]

    static let largeOperators: [String: (String, LimitsPlacement)] = [
        "sum": ("∑", .displayStyle), "prod": ("∏", .displayStyle), "coprod": ("∐", .displayStyle),
        "bigcup": ("⋃", .displayStyle), "bigcap": ("⋂", .displayStyle),
        "int": ("∫", .never), "iint": ("∬", .never), "iiint": ("∭", .never), "oint": ("∮", .never),
    ]

    static let integrals: Set<String> = ["∫", "∬", "∭", "∮"]

    /// Space commands in em; `\!` is negative.
    static let spaces: [String: Double] = [
        ",": 0.1667, "thinspace": 0.1667, ":": 0.2222, ">": 0.2222, "medspace": 0.2222,
        ";": 0.2778, "thickspace": 0.2778, " ": 0.3333, "enspace": 0.5, "quad": 1, "qquad": 2,
        "!": -0.1667, "negthinspace": -0.1667,
    ]

    static let accents: [String: String] = [
        "hat": "^", "widehat": "^", "bar": "‾", "overline": "‾", "tilde": "~", "widetilde": "~",
        "vec": "→", "dot": "˙", "ddot": "¨",
    ]

    static let fonts: [String: MathFont] = [
        "mathbf": .bold, "boldsymbol": .boldItalic, "bm": .boldItalic, "mathbb": .doubleStruck,
        "mathcal": .script, "mathrm": .roman,
    ]

    static let sizes: [String: DelimiterSize] = [
        "big": .big, "bigl": .big, "bigr": .big, "bigm": .big,
        "Big": .Big, "Bigl": .Big, "Bigr": .Big, "Bigm": .Big,
        "bigg": .bigg, "biggl": .bigg, "biggr": .bigg, "biggm": .bigg,
        "Bigg": .Bigg, "Biggl": .Bigg, "Biggr": .Bigg, "Biggm": .Bigg,
    ]

    /// Delimiters written as commands (`\{`, `\langle`, …).
    static let delimiterCommands: [String: String] = [
        "{": "{", "}": "}", "|": "‖", "lvert": "|", "rvert": "|", "vert": "|", "lVert": "‖", "rVert": "‖",
        "Vert": "‖", "langle": "⟨", "rangle": "⟩", "lfloor": "⌊", "rfloor": "⌋", "lceil": "⌈", "rceil": "⌉",
    ]

    static let delimiterCharacters: Set<Character> = ["(", ")", "[", "]", "|", "/"]

    static let openDelimiters: Set<String> = ["(", "[", "{", "⟨", "⌊", "⌈"]
}
