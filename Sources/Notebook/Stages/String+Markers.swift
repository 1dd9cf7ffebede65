import Foundation

extension String {
    /// `contains(marker)`, answered from the bytes when the marker's first byte
    /// does not occur at all. Prose is scanned for `{{` and `@` in every text
    /// node, and Foundation's `contains` bridges each one; a string without the
    /// byte cannot contain the marker, and any other string gets the full test.
    func containsMarker(_ marker: String) -> Bool {
        guard let first = marker.utf8.first, utf8.contains(first) else { return false }
        return contains(marker)
    }
}
