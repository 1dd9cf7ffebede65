import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
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

    /// The gallery page and the standalone files of every sample, by file name.
    static func gallery() throws -> [String: String] {
        var files: [String: String] = [:]
        var figures: [Node] = []
        for figure in Samples.all {
            files["\(figure.name).svg"] = try figure.svgDocument()
            files["\(figure.name).csv"] = figure.csv()
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
        files["gallery.html"] = "<!doctype html>\n" + page.serialized(.html)
        return files
    }

    /// Every sample is on the page once, with a standalone SVG that is well-formed XML
    /// and a CSV with a header and at least one row.
    @Test func galleryHasEverySampleWellFormed() throws {
        let files = try Self.gallery()
        let page = try #require(files["gallery.html"])
        #expect(page.components(separatedBy: "<figure>").count - 1 == Samples.all.count)
        #expect(Set(Samples.all.map(\.name)).count == Samples.all.count, "sample names are file names: unique")
        for figure in Samples.all {
            let svg = try #require(files["\(figure.name).svg"])
            #expect(XMLParser(data: Data(svg.utf8)).parse(), "\(figure.name).svg is not well-formed XML")
            let csv = try #require(files["\(figure.name).csv"]).split(separator: "\n")
            #expect(csv.count >= 2, "\(figure.name).csv has a header and rows")
        }
    }

    /// The files `scripts/check-svgplot-gallery` opens by name (`file://$out/NAME`).
    static func filesTheCheckOpens() throws -> [String] {
        let script = Support.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("scripts/check-svgplot-gallery")
        let text = try String(contentsOf: script, encoding: .utf8)
        return text.components(separatedBy: "file://$out/").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }

    /// Every file the Chromium check opens by name is one the gallery writes: a renamed
    /// sample must not leave the check without a file to screenshot.
    @Test func checkScriptOpensFilesTheGalleryWrites() throws {
        let opened = try Self.filesTheCheckOpens()
        #expect(opened.contains("gallery.html"))
        #expect(opened.count >= 3)
        let files = try Self.gallery()
        for name in opened {
            #expect(files[name] != nil, "scripts/check-svgplot-gallery opens \(name), which the gallery does not write")
        }
    }

    /// Writes the gallery for the Chromium check, reads it back, and finds there every
    /// file the check opens.
    @Test(.enabled(if: directory != nil)) func writeGallery() throws {
        let folder = URL(fileURLWithPath: try #require(GalleryTests.directory))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let files = try Self.gallery()
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        for (name, text) in files {
            #expect(try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) == text, "\(name)")
        }
        for name in try Self.filesTheCheckOpens() {
            let written = folder.appendingPathComponent(name)
            #expect(((try? Data(contentsOf: written)) ?? Data()).count > 100, "the check opens \(name), which is missing or nearly empty")
        }
    }
}
