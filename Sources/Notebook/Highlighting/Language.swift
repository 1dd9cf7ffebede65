/// What the highlighter knows about one language.
struct Language: Sendable {
    var names: Set<String>
    var keywords: Set<String>
    /// Words shown like library names (Python builtins, shell commands).
    var builtins: Set<String> = []
    var lineComment: String?
    /// Swift's `/* */` (which nests).
    var blockComment: (open: String, close: String)?
    /// Characters that may prefix a string literal (`f"…"`, `r'…'`).
    var stringPrefixes: Set<Character> = []
    var quotes: Set<Character>
    var tripleQuotes: Bool
    /// Capitalised identifiers are types (Swift).
    var capitalisedAreTypes = false
    /// `@inlinable`, `@Test`.
    var attributes = false
    /// `$HOME`, `${x}`, `$(…)`.
    var shellVariables = false
    /// A comment starts only at the beginning of a word (shell's `#`).
    var commentNeedsWordStart = false

    static let all: [Language] = [swift, python, shell]

    static func named(_ name: String) -> Language? {
        all.first { $0.names.contains(name.lowercased()) }
    }

    static let swift = Language(
        names: ["swift"],
        keywords: [
            "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
            "inout", "internal", "let", "open", "operator", "private", "protocol", "public", "rethrows", "static",
            "struct", "subscript", "typealias", "var", "break", "case", "continue", "default", "defer", "do", "else",
            "fallthrough", "for", "guard", "if", "in", "repeat", "return", "switch", "where", "while", "as", "catch",
            "false", "is", "nil", "self", "Self", "super", "throw", "throws", "true", "try", "async", "await",
            "mutating", "nonmutating", "override", "final", "lazy", "weak", "some", "any", "package", "consuming",
            "borrowing", "indirect", "convenience", "required",
        ],
        lineComment: "//", blockComment: ("/*", "*/"), quotes: ["\""], tripleQuotes: true,
        capitalisedAreTypes: true, attributes: true)

    static let python = Language(
        names: ["python", "py", "python3"],
        keywords: [
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match",
            "case",
        ],
        builtins: [
            "print", "len", "range", "abs", "min", "max", "sum", "float", "int", "str", "list", "dict", "tuple",
            "set", "zip", "enumerate", "map", "isinstance", "round", "open", "self",
        ],
        lineComment: "#", stringPrefixes: ["f", "r", "b", "u", "F", "R", "B", "U"], quotes: ["\"", "'"],
        tripleQuotes: true)

    static let shell = Language(
        names: ["sh", "bash", "shell", "console", "zsh"],
        keywords: [
            "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac", "in",
            "function", "return", "exit", "export", "local", "set",
        ],
        builtins: [
            "cd", "echo", "make", "swift", "git", "apt-get", "sudo", "pip", "python3", "brew", "ls", "rm", "mkdir",
            "cat", "chromium", "test",
        ],
        lineComment: "#", quotes: ["\"", "'"], tripleQuotes: false, shellVariables: true, commentNeedsWordStart: true)
}
