import Foundation
import XMLTree

/// Lays out a figure's panels on a grid and assembles the `<svg>` element.
struct FigureRenderer {
    let figure: Figure

    /// `plot-` and the figure name reduced to `[a-z0-9-]`: stable, unique when names are, and
    /// clear of the `fig-…` anchors a page may give its figure captions.
    var id: String {
        var slug = ""
        for scalar in figure.name.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.hasSuffix("-") {
                slug += "-"
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return "plot-" + (slug.isEmpty ? "figure" : slug)
    }

    func render(standalone: Bool, includeStyle: Bool) throws -> Node {
        assemble(try layOut(), standalone: standalone, includeStyle: includeStyle)
    }

    /// What every form of the figure shares: title and description, then the
    /// background and the panels, and the height they take.
    struct Body {
        var head: [Node]
        var panels: [Node]
        var height: Double
    }

    /// The layout, drawn once; `assemble` wraps it as a standalone file or for a page.
    func layOut() throws -> Body {
        try figure.validate()
        let width = figure.size.width
        var height = figure.size.height
        let head: [Node] = [
            .el("title", [Attribute("id", id + "-title")], [.text(figure.title)]),
            .el("desc", [Attribute("id", id + "-desc")], [.text(figure.description)]),
        ]
        var children: [Node] = []

        let styles = SeriesStyles(figure)
        var outside = figure.panels.map { $0.legend == .outside }
        var drawn: [[Node]] = []
        var usedHeight = 0.0
        // A legend that finds no free corner moves above its plot; that changes the layout, so lay out again (at most once more).
        for _ in 0..<2 {
            let plan = GridLayout(figure: figure, legendOutside: outside)
            drawn = []
            usedHeight = 0
            var moved = false
            for (index, panel) in figure.panels.enumerated() {
                let renderer = plan.renderer(for: index, idPrefix: "\(id)-p\(index + 1)", styles: styles, legendOutside: outside[index])
                usedHeight = max(usedHeight, renderer.plot.maxY + plan.bottom[index / plan.columns])
                let (nodes, needsOutside) = renderer.render()
                if needsOutside && !outside[index] && panel.legend == .automatic {
                    outside[index] = true
                    moved = true
                }
                drawn.append(nodes)
            }
            if !moved { break }
        }
        // Equal-aspect panels (images) may not fill the height asked for: trim the empty band below.
        height = min(height, usedHeight.rounded(.up))
        children.append(SVG.rect(Rect(x: 0, y: 0, width: width, height: height), [["class": "sp-bg"]]))
        for (index, nodes) in drawn.enumerated() {
            children.append(SVG.group([Attribute("class", "sp-panel")], (figure.panels[index].title.map { [SVG.title($0)] } ?? []) + nodes))
        }
        return Body(head: head, panels: children, height: height)
    }

    func assemble(_ body: Body, standalone: Bool, includeStyle: Bool) -> Node {
        let width = figure.size.width, height = body.height
        var children = body.head
        if includeStyle { children.append(.el("style", [], [.text(Stylesheet.css)])) }
        children += body.panels

        var attributes: [Attribute] = [
            ["xmlns": "http://www.w3.org/2000/svg"],
            Attribute("class", standalone ? "sp-fig sp-standalone" : "sp-fig"),
            Attribute("width", SVG.n(width)), Attribute("height", SVG.n(height)),
            Attribute("viewBox", "0 0 \(SVG.n(width)) \(SVG.n(height))"),
            ["role": "img"], Attribute("aria-labelledby", "\(id)-title \(id)-desc"),
            Attribute("id", id),
        ]
        if !standalone { attributes.removeFirst() }
        return .el("svg", attributes, children)
    }
}
