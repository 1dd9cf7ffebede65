import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Paths and checks shared by the SVGPlot tests.
enum Support {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/SVGPlot")

    static var updatingGoldens: Bool { ProcessInfo.processInfo.environment["DOCGEN_UPDATE_GOLDENS"] == "1" }

    /// Whether Foundation's XML parser accepts `text`, with its error if not.
    static func parseXML(_ text: String) -> (ok: Bool, error: String?) {
        let parser = XMLParser(data: Data(text.utf8))
        let ok = parser.parse()
        return (ok, parser.parserError.map { "\($0)" })
    }

    /// Element names in document order (for structural checks).
    final class ElementCollector: NSObject, XMLParserDelegate {
        var names: [String] = []
        var attributes: [[String: String]] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            names.append(name)
            self.attributes.append(attributes)
        }
    }

    static func elements(_ text: String) -> ElementCollector {
        let collector = ElementCollector()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = collector
        _ = parser.parse()
        return collector
    }
}
