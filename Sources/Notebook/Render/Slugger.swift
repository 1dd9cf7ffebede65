/// Makes heading ids: lower-case words joined by hyphens, unique within a page.
struct Slugger {
    private var used: Set<String>

    /// `reserved` are ids the page template uses itself.
    init(reserved: Set<String> = ["content", "chapters", "outline", "top"]) {
        used = reserved
    }

    /// A new id for a heading `text`; `isTaken` says which ids something else on the page has.
    mutating func slug(for text: String, isTaken: (String) -> Bool = { _ in false }) -> String {
        var base = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen && !base.isEmpty { base += "-" }
                base.append(character)
                pendingHyphen = false
            } else if character.isWhitespace || character == "-" || character == "_" {
                pendingHyphen = true
            }
        }
        if base.isEmpty { base = "section" }
        var candidate = base
        var counter = 2
        while used.contains(candidate) || isTaken(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        used.insert(candidate)
        return candidate
    }
}
