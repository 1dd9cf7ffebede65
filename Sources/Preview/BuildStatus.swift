/// What the open pages poll: a counter that moves on every successful build,
/// and the errors of the last build if it failed.
actor BuildStatus {
    private(set) var version = 0
    private(set) var errors: [String] = []

    func succeeded() {
        version += 1
        errors = []
    }

    func failed(_ messages: [String]) {
        errors = messages
    }

    /// `{"version":3,"errors":["…"]}`
    func json() -> String {
        let list = errors.map { "\"" + escapeJSON($0) + "\"" }.joined(separator: ",")
        return "{\"version\":\(version),\"errors\":[\(list)]}"
    }

    private func escapeJSON(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
