/// A name from the input, cut short for a message: hostile input must not make megabyte diagnostics.
func shown(_ name: String) -> String {
    let limit = 40
    guard name.count > limit else { return name }
    return String(name.prefix(limit)) + "…"
}
