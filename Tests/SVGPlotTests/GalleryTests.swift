import Foundation
import Testing
import XMLTree
@testable import SVGPlot

/// Writes a gallery page of every chart kind for `scripts/check-svgplot-gallery`
/// when `SVGPLOT_GALLERY_DIR` is set (it renders the page in headless Chromium).
@Suite struct GalleryTests {
    static let directory = ProcessInfo.processInfo.environment["SVGPLOT_GALLERY_DIR"]

    /// The page's own theme, the way the book's stylesheet defines it: the
    /// figures must pick these colours up, in light and in dark mode.
    static let pageCSS = """
        :root{--plot-fg:#1d232b;--plot-bg:#ffffff;color-scheme:light dark}
        body{margin:24px;background:#fff;color:#1d232b;font:15px/1.5 "DejaVu Sans",system-ui,sans-serif}
        @media (prefers-color-scheme:dark){:root{--plot-fg:#dde3ea;--plot-bg:#14181d}body{background:#14181d;color:#dde3ea}}
        figure{margin:0 0 28px;display:inline-block;vertical-align:top}
        figcaption{font-size:13px;opacity:.8;max-width:640px}
        """

    @Test(.enabled(if: directory != nil)) func writeGallery() throws {
        let folder = URL(fileURLWithPath: try #require(GalleryTests.directory))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var figures: [Node] = []
        for figure in Samples.all {
            try figure.svgDocument().write(to: folder.appendingPathComponent("\(figure.name).svg"), atomically: true, encoding: .utf8)
            try figure.csv().write(to: folder.appendingPathComponent("\(figure.name).csv"), atomically: true, encoding: .utf8)
            figures.append(.el("figure", [], [try figure.inlineNode(includeStyle: false), .el("figcaption", text: figure.title)]))
        }
        let page = Node.el("html", [["lang": "en"]], [
            .el("head", [], [
                .el("meta", [["charset": "utf-8"]]),
                .el("title", text: "SVGPlot gallery"),
                .el("style", [], [.text(GalleryTests.pageCSS + "\n" + Stylesheet.css)]),
            ]),
            .el("body", [], [.el("h1", text: "SVGPlot gallery")] + figures),
        ])
        try ("<!doctype html>\n" + page.serialized(.html)).write(to: folder.appendingPathComponent("gallery.html"), atomically: true, encoding: .utf8)
    }
}
