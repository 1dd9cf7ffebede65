/// The CSS that colours figures, and the custom properties a page sets to theme them.
///
/// A page themes every inline figure by defining, for light and dark mode:
///
/// | property | used for | fallback light / dark |
/// | --- | --- | --- |
/// | `--plot-fg` | text, axes, grid (as translucent `currentColor`) | `#1f2328` / `#e6e8eb` |
/// | `--plot-bg` | the figure background (inline default: transparent) | `#ffffff` / `#16181d` |
/// | `--series-1` … `--series-8` | series colours (Okabe–Ito by default) | see `Palette` |
///
/// Inline figures take the page's font; standalone files use a system sans-serif.
/// Every rule is scoped to `.sp-fig`, so the sheet can be inlined in each
/// figure, linked once from the page's stylesheet, or both.
public enum Stylesheet {
    /// The stylesheet; the same text goes into every figure's fallback `<style>`.
    public static let css: String = {
        var light = ["--sp-fg:var(--plot-fg,#1f2328)"]
        var dark = ["--sp-fg:var(--plot-fg,#e6e8eb)"]
        for k in 1...Palette.count {
            light.append("--sp-s\(k):var(--series-\(k),\(Palette.lightHex[k - 1]))")
            dark.append("--sp-s\(k):var(--series-\(k),\(Palette.darkHex[k - 1]))")
        }
        var rules = [
            ".sp-fig{" + light.joined(separator: ";") + ";color:var(--sp-fg);font-size:12px;max-width:100%;height:auto}",
            ".sp-bg{fill:var(--plot-bg,transparent)}",
            ".sp-standalone{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif}",
            ".sp-standalone .sp-bg{fill:var(--plot-bg,#fff)}",
        ]
        rules += (1...Palette.count).map { ".sp-s\($0){color:var(--sp-s\($0))}" }
        rules.append(
            "@media (prefers-color-scheme:dark){.sp-fig{" + dark.joined(separator: ";")
                + "}.sp-standalone .sp-bg{fill:var(--plot-bg,#16181d)}}")
        return rules.joined(separator: "\n")
    }()
}
