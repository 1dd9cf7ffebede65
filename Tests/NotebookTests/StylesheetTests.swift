import Foundation
import Testing
@testable import Notebook

/// Text colours of both themes keep WCAG AA contrast (4.5:1) on their backgrounds.
@Suite struct StylesheetTests {
    /// `--name: #rrggbb;` pairs of the light theme and of the dark override.
    static func themes() -> (light: [String: String], dark: [String: String]) {
        let parts = Stylesheet.css.components(separatedBy: "@media (prefers-color-scheme: dark)")
        func variables(_ text: String) -> [String: String] {
            var found: [String: String] = [:]
            let regex = try! NSRegularExpression(pattern: "--([a-z-]+): (#[0-9a-f]{6});")
            for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let name = String(text[Range(match.range(at: 1), in: text)!])
                found[name] = String(text[Range(match.range(at: 2), in: text)!])
            }
            return found
        }
        let light = variables(parts[0])
        let darkBlock = parts[1].components(separatedBy: "\n}").first ?? ""
        return (light, light.merging(variables(darkBlock)) { $1 })
    }

    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }

    @Test(arguments: ["light", "dark"])
    func textColoursHaveEnoughContrast(_ theme: String) {
        let (light, dark) = Self.themes()
        let colours = theme == "light" ? light : dark
        var pairs: [(String, String)] = [("fg", "bg"), ("muted", "bg"), ("accent", "bg"), ("accent", "accent-soft"),
                                         ("fg", "sidebar-bg"), ("fg", "code-bg")]
        pairs += colours.keys.filter { $0.hasPrefix("tok-") }.sorted().map { ($0, "code-bg") }
        #expect(pairs.count > 10)
        for (text, background) in pairs {
            let ratio = Self.contrast(colours[text]!, colours[background]!)
            #expect(ratio >= 4.5, "\(theme): --\(text) on --\(background) is \(ratio)")
        }
    }
}
