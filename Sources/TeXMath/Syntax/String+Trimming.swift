extension String {
    /// Without leading and trailing whitespace.
    var trimmingSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    /// `−6` typed with a real minus sign reads as `-6`.
    var asciiMinus: String { String(map { $0 == "−" ? "-" : $0 }) }
}
