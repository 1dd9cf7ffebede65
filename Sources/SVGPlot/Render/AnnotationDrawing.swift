import Foundation
import XMLTree

/// A text note with an optional arrow from the text's edge to a target point.
struct AnnotationDrawing {
    let annotation: Annotation
    let at: Point
    let target: Point?

    static let fontSize = 12.0

    var textBox: Rect {
        let width = TextMetrics.width(annotation.text, fontSize: AnnotationDrawing.fontSize)
        return Rect(x: at.x - width / 2, y: at.y - 8, width: width, height: 16)
    }

    func render() -> Node {
        var children: [Node] = []
        if let target {
            let box = textBox
            // Leave the text box where the ray towards the target crosses its edge, with a little air.
            let dx = target.x - at.x, dy = target.y - at.y
            let distance = hypot(dx, dy)
            if distance > 1 {
                let exitT = min(dx == 0 ? .infinity : (box.width / 2 + 4) / abs(dx), dy == 0 ? .infinity : (box.height / 2 + 3) / abs(dy))
                let start = Point(x: at.x + dx * exitT, y: at.y + dy * exitT)
                let ux = dx / distance, uy = dy / distance
                let tip = Point(x: target.x - ux * 2, y: target.y - uy * 2)
                if exitT < 1 {
                    let head = 7.0, halfWidth = 3.2
                    let back = Point(x: tip.x - ux * head, y: tip.y - uy * head)
                    var shaft = PathData()
                    shaft.polyline([start, back])
                    var arrow = PathData()
                    arrow.polygon([
                        tip, Point(x: back.x - uy * halfWidth, y: back.y + ux * halfWidth), Point(x: back.x + uy * halfWidth, y: back.y - ux * halfWidth),
                    ])
                    children.append(SVG.path(shaft.text, [["fill": "none"], ["stroke": "currentColor"], ["stroke-width": "1.2"]]))
                    children.append(SVG.path(arrow.text, [["fill": "currentColor"]]))
                }
            }
        }
        children.append(SVG.text(annotation.text, at: at, anchor: "middle", baseline: .middle, [["fill": "currentColor"], ["font-size": "12"]]))
        return SVG.group([], children)
    }
}
