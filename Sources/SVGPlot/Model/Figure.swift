import XMLTree

/// One figure of the book: a grid of panels with a caption and a summary.
///
/// A figure is plain data. It renders to a standalone SVG file
/// (`svgDocument()`), to an element tree for inlining in a page
/// (`inlineNode()`) and to the CSV of the data behind it (`csv()`). The same
/// figure always gives byte-identical output; ids inside the SVG are derived
/// from `name`, so two figures on one page never clash as long as their names
/// differ.
///
/// Whoever publishes a figure names it and captions it (docgen's ` ```figure `
/// blocks set `name` and `title` from the plot's name and the caption), so code
/// that only computes a figure leaves both out and describes what is plotted.
public struct Figure: Sendable, Equatable, Codable {
    /// The file-name stem (`figures/<name>.svg`) and the seed of every id; empty until it is published.
    public var name: String
    /// The caption; becomes the SVG `<title>`; empty until it is published.
    public var title: String
    /// A one-line summary of what is plotted; becomes the SVG `<desc>`.
    public var description: String
    /// Width and height in CSS pixels (the viewBox). The height is trimmed when
    /// equal-aspect panels (images) leave an empty band at the bottom.
    public var size: Size
    /// The panels, filled into the grid row by row.
    public var panels: [Panel]
    /// How many panels per row.
    public var columns: Int
    /// Small multiples: panels share their x range and only the bottom row labels the x axis.
    public var sharesX: Bool
    /// Small multiples: panels share their y range and only the left column labels the y axis.
    public var sharesY: Bool

    /// A figure with one panel.
    public init(name: String = "", title: String = "", description: String, size: Size = Size(width: 640, height: 400), panel: Panel) {
        self.init(name: name, title: title, description: description, size: size, columns: 1, panels: [panel])
    }

    /// A grid of panels (small multiples or an image grid).
    public init(
        name: String = "", title: String = "", description: String, size: Size = Size(width: 640, height: 400),
        columns: Int, sharesX: Bool = false, sharesY: Bool = false, panels: [Panel]
    ) {
        self.name = name
        self.title = title
        self.description = description
        self.size = size
        self.panels = panels
        self.columns = columns
        self.sharesX = sharesX
        self.sharesY = sharesY
    }

    /// The figure as a standalone SVG file: XML declaration, namespace, the
    /// fallback stylesheet and a page font, so it looks right opened on its own.
    public func svgDocument() throws -> String {
        let root = try FigureRenderer(figure: self).render(standalone: true, includeStyle: true)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.serialized(.xml) + "\n"
    }

    /// The figure as an element tree for a page. Colours come from the page's
    /// CSS custom properties (see `Stylesheet`); `includeStyle` adds the
    /// fallback `<style>` for pages that do not link `Stylesheet.css`.
    public func inlineNode(includeStyle: Bool = true) throws -> Node {
        try FigureRenderer(figure: self).render(standalone: false, includeStyle: includeStyle)
    }

    /// `svgDocument()` and `inlineNode(includeStyle:)` from one layout: the
    /// panels are drawn once and wrapped twice.
    public func svgDocumentAndInlineNode(includeStyle: Bool = true) throws -> (document: String, inline: Node) {
        let renderer = FigureRenderer(figure: self)
        let body = try renderer.layOut()
        let root = renderer.assemble(body, standalone: true, includeStyle: true)
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.serialized(.xml) + "\n",
                renderer.assemble(body, standalone: false, includeStyle: includeStyle))
    }

    /// The data behind the figure as CSV (see `CSVExport` for the layout).
    public func csv() -> String {
        CSVExport(figure: self).text()
    }

    /// `csv()` as UTF-8 bytes, as they are written to the file.
    public func csvBytes() -> [UInt8] {
        CSVExport(figure: self).bytes()
    }

    /// Checks the data without rendering: empty series, mismatched lengths,
    /// ragged grids and impossible settings are errors with a message.
    public func validate() throws {
        if panels.isEmpty { throw PlotError.noPanels(figure: name) }
        if columns < 1 { throw PlotError.invalidSetting(figure: name, message: "columns must be at least 1, got \(columns)") }
        if !(size.width >= 100 && size.height >= 80 && size.width.isFinite && size.height.isFinite) {
            throw PlotError.invalidSetting(figure: name, message: "size must be at least 100×80, got \(size.width)×\(size.height)")
        }
        for panel in panels { try panel.validate(figure: name) }
        if sharesX, Set(panels.map { $0.x.scale == .log }).count > 1 {
            throw PlotError.invalidSetting(figure: name, message: "panels that share the x axis must all use the same x scale")
        }
        if sharesY, Set(panels.map { $0.y.scale == .log }).count > 1 {
            throw PlotError.invalidSetting(figure: name, message: "panels that share the y axis must all use the same y scale")
        }
    }
}

/// A width and a height in CSS pixels.
public struct Size: Sendable, Equatable, Codable {
    public var width: Double
    public var height: Double

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }
}
