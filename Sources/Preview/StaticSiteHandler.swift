import Foundation

/// Serves the files of the output directory; HTML gets the reload script.
struct StaticSiteHandler: Sendable {
    let root: String
    let status: BuildStatus

    static let types = [
        "html": "text/html; charset=utf-8", "css": "text/css; charset=utf-8", "svg": "image/svg+xml",
        "csv": "text/csv; charset=utf-8", "js": "text/javascript; charset=utf-8", "json": "application/json",
        "png": "image/png",
    ]

    func respond(to request: LoopbackServer.Request) -> LoopbackServer.Response {
        if request.path == "/__docgen/status" {
            return .init(status: 200, contentType: "application/json", body: Array(status.json().utf8))
        }
        var relative = request.path.removingPercentEncoding ?? request.path
        if relative.hasSuffix("/") { relative += "index.html" }
        let parts = relative.split(separator: "/")
        // Only plain names inside the output: no "..", no hidden files, no control characters.
        guard !parts.isEmpty, !parts.contains(where: { $0 == ".." || $0.hasPrefix(".") }),
              !relative.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) else {
            return .text(404, "not found")
        }
        let path = root + "/" + parts.joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
              let data = FileManager.default.contents(atPath: path) else {
            return .text(404, "not found")
        }
        let ext = String(parts.last!.split(separator: ".").last ?? "")
        if ext == "html", var html = String(data: data, encoding: .utf8) {
            let script = ReloadScript.tag(version: status.version)
            if let end = html.range(of: "</body>", options: .backwards) {
                html.replaceSubrange(end, with: script + "\n</body>")
            } else {
                html += script
            }
            return .init(status: 200, contentType: Self.types["html"]!, body: Array(html.utf8))
        }
        return .init(status: 200, contentType: Self.types[ext] ?? "application/octet-stream", body: [UInt8](data))
    }
}
